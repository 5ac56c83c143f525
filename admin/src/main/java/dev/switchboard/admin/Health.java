package dev.switchboard.admin;

import java.util.List;

/**
 * What {@code /health/ready} answers: ready only while there is at least one endpoint and every
 * one is serving, so not before all are bound nor once a graceful stop begins.
 *
 * @param ready whether a load balancer should send traffic
 * @param endpoints every endpoint's state
 */
record Health(boolean ready, List<EndpointStatus> endpoints) {

    static Health of(List<EndpointStatus> endpoints) {
        boolean ready = !endpoints.isEmpty()
                && endpoints.stream().allMatch(endpoint -> endpoint.state() == EndpointState.SERVING);
        return new Health(ready, List.copyOf(endpoints));
    }

    /** @return 200 when ready, else 503 */
    int httpStatus() {
        return ready ? 200 : 503;
    }

    /** @return {@code {"status":"ready","endpoints":{"tcp":"serving","udp":"serving"}}} */
    String json() {
        StringBuilder json = new StringBuilder("{\"status\":\"").append(ready ? "ready" : "not ready")
                .append("\",\"endpoints\":{");
        for (int i = 0; i < endpoints.size(); i++) {
            EndpointStatus endpoint = endpoints.get(i);
            if (i > 0) {
                json.append(',');
            }
            quote(json, endpoint.name()).append(':');
            quote(json, endpoint.state().label());
        }
        return json.append("}}").toString();
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
