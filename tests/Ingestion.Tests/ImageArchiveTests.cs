using System.IO.Compression;
using Platform.Ingestion.Domain;
using Platform.Ingestion.Extensions;
using Platform.Tabular;
using Platform.Tabular.Images;
using SkiaSharp;

namespace Platform.Ingestion.Tests;

/// <summary>
/// Image archives (issue 17): the three layouts read into one shape, in a fixed order, with their
/// labels; a broken image or a broken layout refused by the entry's name and why; the limits named
/// as their settings; the profile the portal shows.
/// </summary>
public sealed class ImageArchiveTests
{
    private static readonly ImageShape Gray28 = new(1, 28, 28);

    /// <summary>A gray image whose pixels follow from the seed, so each test image differs and can be compared exactly.</summary>
    private static byte[] GrayPixels(int seed, ImageShape? shape = null)
    {
        var s = shape ?? Gray28;
        var pixels = new byte[s.Values];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)((i * 7 + seed * 31) % 256);
        return pixels;
    }

    private static byte[] Png(byte[] pixels, ImageShape? shape = null) => ImageDecoder.EncodePng(pixels, shape ?? Gray28);

    private static byte[] Jpeg(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }

    private static MemoryStream Zip(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        stream.Position = 0;
        return stream;
    }

    private static byte[] Text(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static byte[] Idx(byte[] header, byte[] values)
    {
        var file = new byte[header.Length + values.Length];
        header.CopyTo(file, 0);
        values.CopyTo(file, header.Length);
        return file;
    }

    private static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>The archive as the store hands it over: a fresh stream that cannot seek (it decrypts as it reads).</summary>
    private static Stream Reopened(MemoryStream zip) => new ForwardOnly(new MemoryStream(zip.ToArray()));

    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }

    private static ImageArchiveException Refused(MemoryStream zip, ImageLimits? limits = null) =>
        Assert.Throws<ImageArchiveException>(() => ImageArchive.Read(zip, limits ?? ImageLimits.Default));

    [Fact]
    public void Folders_are_classes_read_in_name_order_with_their_pixels_exact()
    {
        var (a, b, c) = (GrayPixels(1), GrayPixels(2), GrayPixels(3));
        using var zip = Zip(("shop/shoes/b.png", Png(b)), ("shop/bags/c.png", Png(c)), ("shop/shoes/a.png", Png(a)),
            ("__MACOSX/shop/shoes/._a.png", Text("resource fork")), ("shop/.DS_Store", Text("finder")));

        var set = ImageArchive.Read(zip, ImageLimits.Default);

        Assert.Equal(ImageSetFormats.Folders, set.Format);
        Assert.Equal(Gray28, set.Shape);
        Assert.Equal(["shop/bags/c.png", "shop/shoes/a.png", "shop/shoes/b.png"], set.Sources);
        Assert.Equal(["bags", "shoes", "shoes"], set.Labels);
        Assert.Equal(c, set.Image(0).ToArray());
        Assert.Equal(a, set.Image(1).ToArray());
        Assert.Equal(b, set.Image(2).ToArray());
        Assert.Equal([new ImageSizeCount(28, 28, 3)], set.SourceSizes);
    }

    [Fact]
    public void Colour_makes_the_set_rgb_and_other_sizes_are_brought_to_the_commonest()
    {
        using var zip = Zip(("red/1.jpg", Jpeg(40, 40, SKColors.Red)), ("red/2.jpg", Jpeg(40, 40, SKColors.Red)),
            ("blue/3.jpeg", Jpeg(90, 60, SKColors.Blue)));

        var set = ImageArchive.Read(zip, ImageLimits.Default);

        Assert.Equal(new ImageShape(3, 40, 40), set.Shape);
        Assert.Equal([new ImageSizeCount(40, 40, 2), new ImageSizeCount(90, 60, 1)], set.SourceSizes);
        var blue = set.Image(0); // "blue/3.jpeg" comes first by name
        var plane = 40 * 40;
        Assert.InRange(blue[plane * 2 + 800], 240, 255); // its blue plane, resized from 90×60
        Assert.InRange(blue[800], 0, 15);
        var red = set.Image(1);
        Assert.InRange(red[800], 240, 255);
        Assert.InRange(red[plane + 800], 0, 15);
    }

    [Fact]
    public void Large_images_are_scaled_to_the_side_limit_in_multiples_of_four()
    {
        using var zip = Zip(("a/1.jpg", Jpeg(300, 150, SKColors.Gray)), ("b/2.jpg", Jpeg(300, 150, SKColors.White)));

        var set = ImageArchive.Read(zip, ImageLimits.Default with { MaxSide = 50 });

        Assert.Equal(new ImageShape(1, 24, 48), set.Shape); // 300×150 → 50×25 → 48×24
    }

    [Fact]
    public void A_manifest_names_files_and_labels_in_its_own_order()
    {
        using var zip = Zip(("data/manifest.csv", Text("image,label\nimg/x.png,dress\nimg/y.png,coat\n")),
            ("data/img/y.png", Png(GrayPixels(5))), ("data/img/x.png", Png(GrayPixels(4))), ("data/img/unused.png", Png(GrayPixels(6))));

        var set = ImageArchive.Read(zip, ImageLimits.Default);

        Assert.Equal(ImageSetFormats.Manifest, set.Format);
        Assert.Equal(["dress", "coat"], set.Labels);
        Assert.Equal(["data/img/x.png", "data/img/y.png"], set.Sources);
        Assert.Equal(GrayPixels(4), set.Image(0).ToArray());
    }

    [Fact]
    public void A_manifest_row_naming_a_missing_file_is_refused_with_its_row()
    {
        using var zip = Zip(("manifest.csv", Text("file,class\na.png,bag\nb.png,bag\n")), ("a.png", Png(GrayPixels(1))));

        var error = Refused(zip);

        Assert.Equal("manifest.csv", error.Entry);
        Assert.Equal(3, error.Row);
        Assert.Equal("names 'b.png', which is not in the archive", error.Reason);
    }

    [Fact]
    public void Idx_files_with_class_names_are_read_as_mnist_ships_them()
    {
        var pixels = GrayPixels(9, new ImageShape(1, 8, 8)).Concat(GrayPixels(10, new ImageShape(1, 8, 8))).ToArray();
        var images = Gzip(Idx([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 8, 0, 0, 0, 8], pixels));
        var labels = Idx([0, 0, 8, 1, 0, 0, 0, 2], [1, 0]);
        using var zip = Zip(("train-images-idx3-ubyte.gz", images), ("train-labels-idx1-ubyte", labels), ("classes.txt", Text("T-shirt/top\nTrouser\n")));

        // Training reads a stored archive with no limit on the images (it was validated at upload).
        var set = ImageArchive.Read(zip, ImageLimits.Validated);

        Assert.Equal(ImageSetFormats.Idx, set.Format);
        Assert.Equal(new ImageShape(1, 8, 8), set.Shape);
        Assert.Equal(["Trouser", "T-shirt/top"], set.Labels);
        Assert.Equal(pixels, set.Pixels);
        Assert.Equal("train-images-idx3-ubyte.gz#1", set.Sources[1]);
    }

    [Fact]
    public void Idx_labels_that_do_not_match_the_images_are_refused()
    {
        var images = Idx([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 4], new byte[32]);
        var labels = Idx([0, 0, 8, 1, 0, 0, 0, 1], [0]);
        using var zip = Zip(("x-images-idx3-ubyte", images), ("x-labels-idx1-ubyte", labels));

        var error = Refused(zip);

        Assert.Equal("x-labels-idx1-ubyte", error.Entry);
        Assert.Equal("has 1 labels for 2 images: each image needs one", error.Reason);
    }

    [Fact]
    public void A_truncated_image_is_refused_by_name_and_why()
    {
        var png = Png(GrayPixels(1));
        using var zip = Zip(("bags/good.png", png), ("bags/broken.png", png[..(png.Length / 2)]));

        var error = Refused(zip);

        Assert.Equal("bags/broken.png", error.Entry);
        Assert.Equal("cannot be decoded (the file is truncated or damaged)", error.Reason);
    }

    [Fact]
    public void A_file_that_is_no_image_is_refused_by_name()
    {
        using var zip = Zip(("bags/a.png", Png(GrayPixels(1))), ("bags/notes.png", Text("not an image at all")));

        var error = Refused(zip);

        Assert.Equal("bags/notes.png", error.Entry);
        Assert.Equal("is not an image Skia can read (PNG or JPEG)", error.Reason);
    }

    [Fact]
    public void An_image_outside_any_class_folder_and_a_stray_file_are_refused()
    {
        using (var zip = Zip(("a.png", Png(GrayPixels(1)))))
            Assert.Equal("is in no folder: each image goes in the folder named for its class", Refused(zip).Reason);
        using (var zip = Zip(("bags/a.png", Png(GrayPixels(1))), ("bags/readme.txt", Text("hello"))))
        {
            var error = Refused(zip);
            Assert.Equal("bags/readme.txt", error.Entry);
            Assert.Equal("is not a PNG or JPEG image; a folder-per-class archive holds only images", error.Reason);
        }
    }

    [Fact]
    public void Content_that_is_not_a_zip_is_refused()
    {
        using var broken = new MemoryStream([(byte)'P', (byte)'K', 3, 4, 1, 2, 3]);

        var error = Refused(broken);

        Assert.Null(error.Entry);
        Assert.StartsWith("the upload is not a readable zip archive", error.Reason);
    }

    [Fact]
    public void The_limits_refuse_by_their_settings_names()
    {
        using (var zip = Zip(("a/1.png", Png(GrayPixels(1))), ("a/2.png", Png(GrayPixels(2))), ("b/3.png", Png(GrayPixels(3)))))
        {
            var (upload, rejection) = UploadValidator.Validate(() => Reopened(zip), null, new UploadLimits().ForReader(), CancellationToken.None,
                new UploadLimits { MaxImages = 2 }.ForImages());
            Assert.Null(upload);
            Assert.Equal("file", rejection!.Field);
            Assert.Equal("the archive has 3 images; at most 2 are accepted", rejection.Reason);
            Assert.Equal(new("maxImages", 2), rejection.Limit);
        }
        using (var zip = Zip(("a/1.jpg", Jpeg(100, 100, SKColors.Red))))
        {
            var (_, rejection) = UploadValidator.Validate(() => Reopened(zip), null, new UploadLimits().ForReader(), CancellationToken.None,
                new UploadLimits { MaxImageSourcePixels = 9_999 }.ForImages());
            Assert.Equal("a/1.jpg: is 100×100 = 10,000 pixels; at most 9,999 are decoded", rejection!.Reason);
            Assert.Equal(new("maxImageSourcePixels", 9_999), rejection.Limit);
        }
    }

    [Fact]
    public void An_uploaded_archive_is_profiled_with_classes_statistics_and_thumbnails_and_its_target_is_the_label()
    {
        var black = new byte[Gray28.Values];
        var white = Enumerable.Repeat((byte)255, Gray28.Values).ToArray();
        var entries = Enumerable.Range(0, 4).Select(i => ($"coat/{i}.png", Png(black)))
            .Append(("bag/0.png", Png(white))).ToArray();
        using var zip = Zip(entries);

        var (upload, rejection) = UploadValidator.Validate(() => Reopened(zip), null, new UploadLimits().ForReader(), CancellationToken.None);

        Assert.Null(rejection);
        Assert.Equal("label", upload!.TargetColumn);
        var profile = upload.Profile;
        Assert.Equal(5, profile.Rows);
        Assert.Equal([("image", ColumnKind.Image), ("label", ColumnKind.Categorical)], profile.Columns.Select(c => (c.Name, c.Kind)));
        var images = profile.Images!;
        Assert.Equal([new CategoryCount("coat", 4), new CategoryCount("bag", 1)], images.Classes);
        Assert.Equal(0.2, images.Brightness.Mean, 6); // one white image in five
        Assert.Equal(0, images.Contrast.Max, 6); // every image is one flat colour
        Assert.Equal(["bag", "coat", "coat", "coat"], images.Thumbnails.Select(t => t.Label));
        using var thumbnail = ImageDecoder.Decode(Convert.FromBase64String(images.Thumbnails[0].Png), 1_000_000);
        Assert.Equal((28, 28, true), (thumbnail.Width, thumbnail.Height, thumbnail.Gray));
    }

    [Fact]
    public void An_image_dataset_names_no_other_target()
    {
        using var zip = Zip(("a/1.png", Png(GrayPixels(1))));

        var (_, rejection) = UploadValidator.Validate(() => Reopened(zip), "price", new UploadLimits().ForReader(), CancellationToken.None);

        Assert.Equal("target", rejection!.Field);
        Assert.Equal("an image dataset's target is its 'label' (the class of each image), not 'price'", rejection.Reason);
    }
}
