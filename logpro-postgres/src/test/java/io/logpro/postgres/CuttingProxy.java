package io.logpro.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to the local PostgreSQL that can cut a session at its next COMMIT: before the
 * COMMIT reaches the server, or after the server got it but before its answer reaches the
 * client (the case where a client cannot know whether its transaction committed).
 */
final class CuttingProxy implements AutoCloseable {
  enum Cut { NONE, BEFORE_COMMIT, AFTER_COMMIT }

  /** The query text of the driver's COMMIT, NUL-terminated as in its Parse or Query message. */
  private static final byte[] COMMIT = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile Cut cut = Cut.NONE;
  private volatile boolean cutDone;

  CuttingProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Cuts the session that next sends COMMIT, as {@code how} says. */
  void cutNextCommit(Cut how) {
    cutDone = false;
    cut = how;
  }

  boolean cutDone() {
    return cutDone;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket("127.0.0.1", 5432);
        sockets.add(client);
        sockets.add(upstream);
        boolean[] holdReplies = {false};
        Thread.ofPlatform().daemon().start(() -> pump(client, upstream, holdReplies, true));
        Thread.ofPlatform().daemon().start(() -> pump(upstream, client, holdReplies, false));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean[] holdReplies, boolean toServer) {
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        if (toServer && cut != Cut.NONE && contains(buf, n, COMMIT)) {
          Cut how = cut;
          cut = Cut.NONE;
          if (how == Cut.AFTER_COMMIT) {
            holdReplies[0] = true; // the server's answer never reaches the client
            out.write(buf, 0, n);
            out.flush();
            Thread.sleep(500);
          }
          cutDone = true;
          from.close();
          to.close();
          return;
        }
        if (!toServer && holdReplies[0]) continue;
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the other side closed
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private static boolean contains(byte[] buf, int n, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= n; i++) {
      for (int j = 0; j < what.length; j++) {
        if (buf[i + j] != what[j]) continue outer;
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) s.close();
  }
}
