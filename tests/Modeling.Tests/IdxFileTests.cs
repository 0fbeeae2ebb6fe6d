using System.IO.Compression;
using Platform.Tabular.Images;

namespace Platform.Modeling.Tests;

/// <summary>The IDX reader takes gzipped and plain files, the first images only when asked, and refuses a malformed file saying why.</summary>
public class IdxFileTests
{
    private static readonly byte[] TwoImages = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    [Fact]
    public void Plain_and_gzipped_files_read_the_same_and_a_count_reads_only_the_first_images()
    {
        var plain = IdxFile.ReadImages(new MemoryStream(TwoImages));
        Assert.Equal((2, 2, 3), (plain.Count, plain.Rows, plain.Columns));
        Assert.Equal([7, 8, 9, 10, 11, 12], plain.Image(1).ToArray());

        var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionMode.Compress, leaveOpen: true)) gzip.Write(TwoImages);
        zipped.Position = 0;
        var first = IdxFile.ReadImages(zipped, maxImages: 1);
        Assert.Equal((1, 2, 3), (first.Count, first.Rows, first.Columns));
        Assert.Equal([1, 2, 3, 4, 5, 6], first.Pixels);

        Assert.Equal([3, 1, 4], IdxFile.ReadLabels(new MemoryStream([0, 0, 8, 1, 0, 0, 0, 3, 3, 1, 4])));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4b, 8, 3 }, "Not an IDX file: it starts with 0x504b, not two zero bytes.")]
    [InlineData(new byte[] { 0, 0, 0x0d, 3 }, "IDX element type 0x0d is not read; only unsigned bytes (0x08) are.")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3 }, "The IDX file has 1 dimensions; images have 3.")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2 }, "The IDX file ends before its 12 values.")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0 }, "The IDX file ends before the size of dimension 2.")]
    public void A_malformed_image_file_is_refused_with_what_is_wrong(byte[] file, string reason)
    {
        var refused = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(new MemoryStream(file)));
        Assert.Equal(reason, refused.Message);
    }
}
