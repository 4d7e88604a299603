package io.logpro.processors;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Row selection and column moves without per-row objects. Fixed-width columns are copied in
 * runs of consecutive rows (one memcpy per run: a filter that keeps most rows copies a few large
 * blocks), variable-width columns by offsets; other types fall back to Arrow's copyFromSafe.
 */
public final class Rows {
  private Rows() {}

  private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[0]);

  /**
   * A per-thread int array of at least {@code n} entries, reused across batches: processors run
   * one batch at a time per thread and do not keep it past {@code process}.
   */
  public static int[] scratch(int n) {
    int[] a = SCRATCH.get();
    if (a.length < n) {
      a = new int[Math.max(n, a.length * 2)];
      SCRATCH.set(a);
    }
    return a;
  }

  /** A new root holding rows {@code rows[0..count)} of {@code src}, in that order. */
  public static VectorSchemaRoot select(VectorSchemaRoot src, int[] rows, int count, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>();
    try {
      for (FieldVector v : src.getFieldVectors()) out.add(copy(v, rows, count, allocator));
      return new VectorSchemaRoot(src.getSchema(), out, count);
    } catch (RuntimeException | Error e) {
      out.forEach(FieldVector::close);
      throw e;
    }
  }

  /** A new vector holding rows {@code rows[0..count)} of {@code src}. */
  public static FieldVector copy(FieldVector src, int[] rows, int count, BufferAllocator allocator) {
    FieldVector dst = src.getField().createVector(allocator);
    try {
      if (src instanceof BaseFixedWidthVector f && !(src instanceof BitVector)) {
        copyFixed(f, (BaseFixedWidthVector) dst, rows, count);
      } else if (src instanceof BaseVariableWidthVector v) {
        copyVariable(v, (BaseVariableWidthVector) dst, rows, count);
      } else {
        dst.setInitialCapacity(count);
        dst.allocateNew();
        for (int i = 0; i < count; i++) dst.copyFromSafe(rows[i], i, src);
        dst.setValueCount(count);
      }
      return dst;
    } catch (RuntimeException | Error e) {
      dst.close();
      throw e;
    }
  }

  private static void copyFixed(BaseFixedWidthVector src, BaseFixedWidthVector dst, int[] rows, int count) {
    long width = src.getTypeWidth();
    dst.allocateNew(Math.max(count, 1));
    ArrowBuf from = src.getDataBuffer();
    ArrowBuf to = dst.getDataBuffer();
    int i = 0;
    while (i < count) {
      int j = i + 1;
      while (j < count && rows[j] == rows[j - 1] + 1) j++;
      to.setBytes(i * width, from, rows[i] * width, (j - i) * width);
      i = j;
    }
    copyValidity(src, dst, rows, count);
    dst.setValueCount(count);
  }

  private static void copyVariable(BaseVariableWidthVector src, BaseVariableWidthVector dst, int[] rows, int count) {
    ArrowBuf srcOffsets = src.getOffsetBuffer();
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += srcOffsets.getInt((rows[i] + 1L) * 4) - srcOffsets.getInt(rows[i] * 4L);
    }
    dst.allocateNew(Math.max(total, 1), Math.max(count, 1));
    ArrowBuf from = src.getDataBuffer();
    ArrowBuf to = dst.getDataBuffer();
    ArrowBuf dstOffsets = dst.getOffsetBuffer();
    int pos = 0;
    dstOffsets.setInt(0, 0);
    for (int i = 0; i < count; i++) {
      int start = srcOffsets.getInt(rows[i] * 4L);
      int len = srcOffsets.getInt((rows[i] + 1L) * 4) - start;
      to.setBytes(pos, from, start, len);
      pos += len;
      dstOffsets.setInt((i + 1L) * 4, pos);
    }
    copyValidity(src, dst, rows, count);
    dst.setLastSet(count - 1);
    dst.setValueCount(count);
  }

  private static void copyValidity(FieldVector src, FieldVector dst, int[] rows, int count) {
    ArrowBuf to = dst.getValidityBuffer();
    if (src.getNullCount() == 0) {
      to.setOne(0, (long) BitVectorHelper.getValidityBufferSize(count));
      return;
    }
    ArrowBuf from = src.getValidityBuffer();
    for (int i = 0; i < count; i++) if (BitVectorHelper.get(from, rows[i]) != 0) BitVectorHelper.setBit(to, i);
  }

  /**
   * The column's buffers moved into a new vector named {@code name} (zero-copy) when this batch
   * is the only holder of them, else copied, so other holders of a shared batch keep their data.
   */
  public static FieldVector take(FieldVector v, String name, boolean exclusive, int rowCount, BufferAllocator allocator) {
    if (exclusive) {
      TransferPair pair = v.getTransferPair(name, v.getAllocator());
      pair.transfer();
      return (FieldVector) pair.getTo();
    }
    int[] all = new int[rowCount];
    for (int i = 0; i < rowCount; i++) all[i] = i;
    FieldVector copy = copy(v, all, rowCount, allocator);
    if (copy.getName().equals(name)) return copy;
    TransferPair pair = copy.getTransferPair(name, copy.getAllocator());
    pair.transfer();
    copy.close();
    return (FieldVector) pair.getTo();
  }
}
