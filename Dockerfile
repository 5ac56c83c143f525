# Switchboard in a container: built with Maven on JDK 17, run on a Java 17 runtime as a non-root user.
#
#   docker build -t switchboard .
#   docker run --rm -p 12000:12000/tcp -p 12000:12000/udp -p 9464:9464 switchboard
#
# The image serves config/switchboard.conf from deploy/docker/switchboard.conf: the exercise's UDP and
# TCP endpoints on 12000 and the admin endpoint (metrics, health) on 9464, all on every interface of
# the container. Another configuration: mount it and pass --config, as deploy/kubernetes/ does.
# Plugins: mount a folder of jars on /opt/switchboard/plugins (it holds the unix transport already).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The launcher and what it needs: its target/switchboard is the whole distribution.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -DskipTests -pl launcher -am package

FROM eclipse-temurin:17-jre-noble
RUN groupadd --system --gid 10001 switchboard \
 && useradd --system --uid 10001 --gid switchboard --home-dir /opt/switchboard --shell /usr/sbin/nologin switchboard
COPY --from=build /src/launcher/target/switchboard /opt/switchboard
COPY deploy/docker/switchboard.conf /opt/switchboard/config/switchboard.conf
COPY deploy/docker/switchboard-ready /usr/local/bin/switchboard-ready
# The class-data sharing archive is recorded here, once, for this image's Java runtime (bin/switchboard
# records it before serving when it is missing; the start here stops at once for want of endpoints), so
# that no container start pays for it and the distribution stays owned by root, read-only to the server.
RUN printf 'switchboard.endpoints = {}\n' >/tmp/record.conf \
 && { /opt/switchboard/bin/switchboard --config /tmp/record.conf >/dev/null 2>&1 || true; } \
 && rm /tmp/record.conf \
 && { ls /opt/switchboard/cds/*.jsa || echo "no class-data sharing archive: the server starts without one"; }
USER 10001:10001
WORKDIR /opt/switchboard
# The heap may take 60% of the container's memory limit (the JVM's default is 25%); the memory budget
# for clients' buffers is half of it (switchboard.memory-budget = auto).
ENV JAVA_OPTS="-XX:MaxRAMPercentage=60"
EXPOSE 12000/tcp 12000/udp 9464/tcp
# Healthy while the admin endpoint answers 200 on /health/ready (bash and /dev/tcp: no curl in the image).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["switchboard-ready", "9464"]
# bin/switchboard becomes the JVM (exec): it is process 1 and receives docker stop's SIGTERM itself.
ENTRYPOINT ["/opt/switchboard/bin/switchboard"]
CMD ["--config", "/opt/switchboard/config/switchboard.conf"]
