package io.logpro.iceberg;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * A {@link FileIO} for local paths on java.nio. Hand-written instead of Iceberg's HadoopFileIO
 * because Hadoop's LocalFileSystem writes a {@code .crc} sidecar next to every file and starts
 * slowly, and because this one buffers writes and fsyncs each file on close: a commit must leave
 * data and metadata durable, which neither Iceberg's {@code Files.localOutput} nor HadoopFileIO do.
 * It lists directories (SupportsPrefixOperations) for orphan file removal.
 */
public final class LocalFileIO implements FileIO, SupportsPrefixOperations {
  private static final int BUFFER = 1 << 16;

  /** A local path for {@code location} ("/a/b", "file:/a/b" or "file:///a/b"). */
  public static Path toPath(String location) {
    if (location.startsWith("file:")) return Path.of(URI.create(location));
    return Path.of(location);
  }

  @Override
  public InputFile newInputFile(String location) {
    return org.apache.iceberg.Files.localInput(toPath(location).toFile());
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new LocalOutput(location, toPath(location));
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.deleteIfExists(toPath(location));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location, e);
    }
  }

  /** Every regular file under the directory {@code prefix} (or that file itself), with its size and modification time. */
  @Override
  public Iterable<FileInfo> listPrefix(String prefix) {
    Path root = toPath(prefix);
    if (!Files.exists(root)) return List.of();
    List<FileInfo> out = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        try {
          var attrs = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
          if (attrs.isRegularFile()) out.add(new FileInfo(p.toString(), attrs.size(), attrs.lastModifiedTime().toMillis()));
        } catch (java.nio.file.NoSuchFileException e) {
          // deleted while listing (a writer's abort): not there, not listed
        }
      }
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) throw e;
      // a directory went away while listing: what was listed stands
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + prefix, e);
    }
    return out;
  }

  @Override
  public void deletePrefix(String prefix) {
    Path root = toPath(prefix);
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + prefix, e);
    }
  }

  private record LocalOutput(String location, Path path) implements OutputFile {
    @Override
    public PositionOutputStream create() {
      return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(StandardOpenOption... options) {
      try {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        StandardOpenOption[] all = new StandardOpenOption[options.length + 1];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = StandardOpenOption.WRITE;
        return new SyncingStream(FileChannel.open(path, all));
      } catch (FileAlreadyExistsException e) {
        throw new AlreadyExistsException("file already exists: %s", location);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + location, e);
      }
    }

    @Override
    public InputFile toInputFile() {
      return org.apache.iceberg.Files.localInput(path.toFile());
    }
  }

  /** Buffered, counts its position, forces the file to disk on close. */
  private static final class SyncingStream extends PositionOutputStream {
    private final FileChannel channel;
    private final OutputStream out;
    private long pos;
    private boolean closed;

    SyncingStream(FileChannel channel) {
      this.channel = channel;
      this.out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), BUFFER);
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      pos++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      pos += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) return;
      closed = true;
      try (channel) {
        out.flush();
        channel.force(true);
      }
    }
  }
}
