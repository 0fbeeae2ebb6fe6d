using System.Text.Json;
using Platform.Contracts.Api.Inference;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;
using Platform.Tabular.Drift;
using Platform.Tabular.Images;
using SkiaSharp;

namespace Platform.Inference.Tests;

/// <summary>
/// Image instances (ADR 34): base64 PNG or JPEG read into the model's shape as training read its
/// images, with drift statistics; what cannot be read refused by field, row and reason; batches of
/// images joined for one run; explained patch by patch.
/// </summary>
public sealed class ImageInstanceTests
{
    private static readonly ImageShape Gray28 = new(1, 28, 28);
    private static readonly ModelSignature Signature = new([new ModelInput("image", FeatureKind.Image, Gray28)], ["bag", "coat"], null, "label");
    private static readonly InstanceLimits Defaults = new InferenceOptions().InstanceLimits();

    private static byte[] Gradient()
    {
        var pixels = new byte[Gray28.Values];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i % 28 * 9);
        return pixels;
    }

    private static string Base64Png(byte[] pixels, ImageShape shape) => Convert.ToBase64String(ImageDecoder.EncodePng(pixels, shape));

    private static string Jpeg(int side, SKColor colour)
    {
        using var bitmap = new SKBitmap(side, side);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 100);
        return Convert.ToBase64String(data.ToArray());
    }

    private static InstanceError? Read(object[] instances, out FeatureBatch? batch, InstanceLimits? limits = null)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(instances));
        return InstanceReader.TryRead(document.RootElement.Clone(), Signature, limits ?? Defaults, out batch);
    }

    private static ImageColumn ReadImages(params object[] instances)
    {
        Assert.Null(Read(instances, out var batch));
        return Assert.IsType<ImageColumn>(Assert.Single(batch!.Columns));
    }

    [Fact]
    public void A_png_becomes_the_models_pixels_exactly_with_its_statistics()
    {
        var pixels = Gradient();

        var column = ReadImages(new { image = Base64Png(pixels, Gray28) }, new { image = "data:image/png;base64," + Base64Png(pixels, Gray28) });

        Assert.Equal(2 * 784, column.Values.Length);
        Assert.Equal(pixels.Select(p => (float)p), column.Values.Take(784));
        Assert.Equal(column.Values.Take(784), column.Values.Skip(784));
        var (brightness, contrast) = ImageStatistics.Of(pixels);
        Assert.Equal((float)brightness, column.Statistics[ImageStatistics.Brightness][0]);
        Assert.Equal((float)contrast, column.Statistics[ImageStatistics.Contrast][1]);
        Assert.Equal([28f, 28f], column.Statistics[ImageStatistics.Width]);
    }

    [Fact]
    public void A_colour_photo_of_another_size_is_resized_and_turned_to_gray_as_training_does()
    {
        var column = ReadImages(new { image = Jpeg(56, new SKColor(200, 40, 40)) });

        // BT.601 luma of (200, 40, 40): 0.299·200 + 0.587·40 + 0.114·40 = 87.9 (JPEG shifts colours by a unit or two).
        Assert.All(column.Values, v => Assert.InRange(v, 84, 92));
        Assert.Equal(56f, column.Statistics[ImageStatistics.Height][0]);
    }

    [Fact]
    public void What_is_not_an_image_is_refused_naming_the_input_the_instance_and_why()
    {
        var png = Base64Png(Gradient(), Gray28);
        Assert.Equal(new InstanceError("image", "must be base64 (the PNG or JPEG file's bytes, encoded), and is not", 1),
            Read([new { image = png }, new { image = "not base64!" }], out _));
        Assert.Equal(new InstanceError("image", "must be a PNG or JPEG image: it is not an image Skia can read (PNG or JPEG)", 0),
            Read([new { image = Convert.ToBase64String("plain text"u8.ToArray()) }], out _));
        Assert.Equal(new InstanceError("image", "must be an image: a string of base64 PNG or JPEG bytes, not missing", 0),
            Read([new { image = (string?)null }], out _));
        var truncated = Convert.ToBase64String(Convert.FromBase64String(png)[..60]);
        Assert.Equal(new InstanceError("image", "must be a PNG or JPEG image: it cannot be decoded (the file is truncated or damaged)", 0),
            Read([new { image = truncated }], out _));
    }

    [Fact]
    public void An_image_claiming_more_pixels_than_the_limit_is_refused_before_it_is_decoded()
    {
        var error = Read([new { image = Jpeg(100, SKColors.White) }], out _, Defaults with { MaxImagePixels = 9_999 });

        Assert.Equal(new InstanceError("image", "is an image of 100×100 = 10,000 pixels; at most 9,999 are decoded", 0, new ServiceLimit("maxImagePixels", 9_999)), error);
    }

    [Fact]
    public void Batches_of_images_are_joined_pixels_and_statistics_in_order()
    {
        var a = ReadImages(new { image = Base64Png(Gradient(), Gray28) });
        var b = ReadImages(new { image = Jpeg(28, SKColors.White) }, new { image = Jpeg(56, SKColors.Black) });

        var joined = Assert.IsType<ImageColumn>(FeatureBatches.Concatenate([new FeatureBatch(1, [a]), new FeatureBatch(2, [b])]).Columns[0]);

        Assert.Equal(a.Values.Concat(b.Values), joined.Values);
        Assert.Equal([28f, 28f, 56f], joined.Statistics[ImageStatistics.Width]);
    }

    [Fact]
    public void Drift_bins_an_image_inputs_statistics_by_their_reference_names()
    {
        var reference = new ReferenceStatistics(10, [
            FeatureReference.FitNumeric("image.brightness", [0.1, 0.2, 0.3]),
            FeatureReference.FitNumeric("image.width", [28, 28]),
            FeatureReference.FitNumeric("pixels.brightness", [0.5]),
        ]);

        var matched = DriftReference.Match(reference, Signature);

        Assert.Equal(["image.brightness", "image.width"], matched.Statistics.Features.Select(f => f.Name));
        Assert.Equal([0, 0], matched.Columns);
        Assert.Equal<string?>(["brightness", "width"], matched.ImageStatistics.AsEnumerable());
    }

    private static InferenceRequestInput Tensor(string datatype, long[] shape, object data) =>
        new("image", shape, datatype, JsonSerializer.SerializeToElement(data));

    [Fact]
    public void An_open_inference_tensor_carries_an_images_pixels_or_its_file()
    {
        var pixels = Gradient();
        Assert.Null(TensorReader.TryRead([Tensor("FP32", [1, 1, 28, 28], pixels.Select(p => (float)p).ToArray())], Signature, Defaults, out var asPixels));
        Assert.Null(TensorReader.TryRead([Tensor("BYTES", [1], new[] { Base64Png(pixels, Gray28) })], Signature, Defaults, out var asFile));

        var fromPixels = Assert.IsType<ImageColumn>(asPixels!.Columns[0]);
        var fromFile = Assert.IsType<ImageColumn>(asFile!.Columns[0]);
        Assert.Equal(pixels.Select(p => (float)p), fromPixels.Values);
        Assert.Equal(fromPixels.Values, fromFile.Values);
        Assert.Equal(fromFile.Statistics[ImageStatistics.Brightness], fromPixels.Statistics[ImageStatistics.Brightness]);
        // Kept for feedback as the JSON endpoint keeps an image: a PNG of the pixels scored.
        var kept = JsonDocument.Parse(ServedInstance.Keep(asPixels, 0)).RootElement.GetProperty("image").GetString()!;
        using var decoded = ImageDecoder.Decode(Convert.FromBase64String(kept), 1_000_000);
        var again = new byte[784];
        ImageDecoder.ToPixels(decoded, Gray28, again);
        Assert.Equal(pixels, again);
    }

    [Fact]
    public void An_image_tensor_of_another_shape_or_out_of_range_pixels_is_refused()
    {
        Assert.Equal(new InstanceError("image", "has shape [1, 784]; this image input takes [N, 1, 28, 28]"),
            TensorReader.TryRead([Tensor("FP32", [1, 784], new float[784])], Signature, Defaults, out _));
        var pixels = new float[784];
        pixels[5] = 300;
        Assert.Equal(new InstanceError("image", "element 5 must be a pixel value from 0 to 255, not 300", 0),
            TensorReader.TryRead([Tensor("FP32", [1, 1, 28, 28], pixels)], Signature, Defaults, out _));
    }

    /// <summary>Says "coat" as the top-left 4×4 corner is bright: covering that patch is what changes its answer.</summary>
    private sealed class CornerModel : IScoringModel
    {
        public ModelSignature Signature => ImageInstanceTests.Signature;

        public IReadOnlyList<Prediction> Score(FeatureBatch batch)
        {
            var images = (ImageColumn)batch.Columns[0];
            return [.. Enumerable.Range(0, batch.Count).Select(i =>
            {
                double corner = 0;
                for (var y = 0; y < 4; y++)
                    for (var x = 0; x < 4; x++) corner += images.Values[i * 784 + y * 28 + x];
                var coat = 1 / (1 + Math.Exp(-(corner / 16 - 128) / 16));
                return new Prediction(coat >= 0.5 ? "coat" : "bag", new Dictionary<string, double> { ["bag"] = 1 - coat, ["coat"] = coat });
            })];
        }

        public void Dispose() { }
    }

    [Fact]
    public void Occlusion_credits_the_patch_the_answer_rests_on()
    {
        var pixels = new byte[784];
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++) pixels[y * 28 + x] = 255;
        var column = ReadImages(new { image = Base64Png(pixels, Gray28) });

        var explanation = Assert.Single(PredictionExplainer.Explain(new CornerModel(), new FeatureBatch(1, [column]), permutations: 4, top: 3));

        Assert.Equal(("coat", PredictionExplainer.Occlusion), (explanation.Class, explanation.Method));
        var top = explanation.Contributions[0];
        Assert.Equal(("x 0–3, y 0–3", 0, 4), (top.Feature, top.Start, top.Length));
        Assert.True(top.Contribution > 1, $"covering the corner took {top.Contribution:F3} from the log-odds");
        Assert.All(explanation.Contributions.Skip(1), c => Assert.Equal(0, c.Contribution, 9));
        Assert.Equal(explanation.LogOdds - explanation.BaseLogOdds, explanation.Contributions.Sum(c => c.Contribution) + explanation.Other, 9);
    }
}
