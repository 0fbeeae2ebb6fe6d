using System.Buffers.Binary;
using System.IO.Compression;

namespace Platform.Tabular.Images;

/// <summary>
/// Reads the IDX format MNIST and Fashion-MNIST ship in (gzipped or not): a big-endian header (two
/// zero bytes, the element type, the number of dimensions, each dimension's size), then the
/// unsigned bytes row-major. Only the unsigned-byte element type is read: it is what image and label
/// files use. A malformed file is refused with what is wrong and where, never read in part.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>A file of 8-bit grayscale images: [images, rows, columns].</summary>
    public static GrayImages ReadImages(Stream file, int maxImages = int.MaxValue)
    {
        var (dimensions, values) = Read(file, expectedDimensions: 3, maxImages);
        return new GrayImages(dimensions[0], dimensions[1], dimensions[2], values);
    }

    /// <summary>A file of labels, one byte each: [labels].</summary>
    public static byte[] ReadLabels(Stream file, int maxLabels = int.MaxValue) => Read(file, expectedDimensions: 1, maxLabels).Values;

    private static (int[] Dimensions, byte[] Values) Read(Stream file, int expectedDimensions, int maxItems)
    {
        var (content, gzipped) = Decompressed(file);
        using var decompressor = gzipped ? content : null;
        Span<byte> header = stackalloc byte[4];
        ReadExactly(content, header, "its header");
        if (header[0] != 0 || header[1] != 0) throw new InvalidDataException($"Not an IDX file: it starts with 0x{header[0]:x2}{header[1]:x2}, not two zero bytes.");
        if (header[2] != UnsignedByte) throw new InvalidDataException($"IDX element type 0x{header[2]:x2} is not read; only unsigned bytes (0x08) are.");
        if (header[3] != expectedDimensions)
            throw new InvalidDataException($"The IDX file has {header[3]} dimensions; {(expectedDimensions == 3 ? "images" : "labels")} have {expectedDimensions}.");

        var dimensions = new int[expectedDimensions];
        Span<byte> size = stackalloc byte[4];
        for (var d = 0; d < expectedDimensions; d++)
        {
            ReadExactly(content, size, $"the size of dimension {d + 1}");
            var value = BinaryPrimitives.ReadInt32BigEndian(size);
            if (value <= 0) throw new InvalidDataException($"Dimension {d + 1} of the IDX file has size {value}.");
            dimensions[d] = value;
        }
        // The caller may want only the first items (a subset): the rest of the file is not read.
        dimensions[0] = Math.Min(dimensions[0], maxItems);
        var count = dimensions.Aggregate(1L, (total, d) => total * d);
        if (count > Array.MaxLength) throw new InvalidDataException($"The IDX file holds {count} values, more than one array can.");
        var values = new byte[count];
        ReadExactly(content, values, $"its {count} values");
        return (dimensions, values);
    }

    /// <summary>The file's content, through a decompressor (the caller's to dispose, leaving the file open) when it is gzipped.</summary>
    private static (Stream Content, bool Gzipped) Decompressed(Stream file)
    {
        // The first two bytes say whether it is gzipped; a stream that cannot seek back is read whole first.
        var seekable = file.CanSeek ? file : Buffered(file);
        var start = seekable.Position;
        Span<byte> magic = stackalloc byte[2];
        var read = seekable.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        seekable.Position = start;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? (new GZipStream(seekable, CompressionMode.Decompress, leaveOpen: true), true)
            : (seekable, false);
    }

    private static MemoryStream Buffered(Stream file)
    {
        var copy = new MemoryStream();
        file.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"The IDX file ends before {what}.");
        }
    }
}

/// <summary>8-bit grayscale images of one size, row-major one after another (<see cref="Pixels"/>: [images, rows, columns]).</summary>
public sealed record GrayImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    public int PixelsPerImage => Rows * Columns;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
}
