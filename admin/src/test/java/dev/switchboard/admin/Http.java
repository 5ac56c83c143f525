package dev.switchboard.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * One answer of the admin endpoint, fetched with a bounded wait.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param body the body as UTF-8 text
 */
record Http(int status, String contentType, String body) {

    private static final int TIMEOUT_MILLIS = 10_000;

    static Http get(InetSocketAddress admin, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(
                    "http://" + admin.getHostString() + ":" + admin.getPort() + path).toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), UTF_8);
                return new Http(status, connection.getContentType(), body);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
