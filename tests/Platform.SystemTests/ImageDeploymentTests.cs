using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Demo;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// The product images solution through the public API (issue 17; ADR 34): 1,500 Fashion-MNIST
/// images uploaded as PNG files with a manifest (a damaged one refused first, by name, and nothing
/// kept), profiled with classes and thumbnails, a small CNN trained and measured on the images it
/// never saw, int8 and a distilled student made, the model serving PNG images sent as base64, their
/// answers explained patch by patch, and every prediction billed.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImageDeploymentTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task An_image_deployment_trains_a_cnn_compresses_it_and_serves_png_images()
    {
        var tenant = await platform.RegisterTenantAsync();
        var created = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", tenant,
            new { name = "products", solution = "retail-product-images", dataset = "products" }));
        var apiKey = created["apiKey"]!.GetValue<string>();

        var path = Path.Combine(Path.GetTempPath(), $"products-{Guid.NewGuid():N}.zip");
        byte[] archive;
        try
        {
            ProductImages.WritePngArchive(path, 1_500);
            archive = await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }

        // One image cut in half: the upload is refused by that entry's name, and no version is recorded.
        var refused = await platform.UploadFileAsync(tenant, "products", Damaged(archive, "images/00007.png"), "application/zip");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(("file", "images/00007.png: cannot be decoded (the file is truncated or damaged)"),
            (problem["field"]!.GetValue<string>(), problem["reason"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await platform.SendAsync(HttpMethod.Get, ResourceNames.Ingestion, "/api/datasets/products/versions", tenant)).StatusCode);

        var uploaded = await platform.UploadFileAsync(tenant, "products", archive, "application/zip");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var version = await PlatformApi.ReadJsonAsync(uploaded);
        Assert.Equal((1_500, "label"), (version["rows"]!.GetValue<long>(), version["targetColumn"]!.GetValue<string>()));
        var profile = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Ingestion, "/api/datasets/products/versions/1/profile", tenant));
        var images = profile["images"]!;
        Assert.Equal("manifest", images["format"]!.GetValue<string>());
        Assert.Equal((1, 28, 28), (images["shape"]!["channels"]!.GetValue<int>(), images["shape"]!["height"]!.GetValue<int>(), images["shape"]!["width"]!.GetValue<int>()));
        Assert.Equal(ProductImages.Classes.Order(StringComparer.Ordinal), images["classes"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(1_500, images["classes"]!.AsArray().Sum(c => c!["count"]!.GetValue<long>()));
        Assert.Equal(30, images["thumbnails"]!.AsArray().Count);

        await Eventually.ValueAsync(async () =>
        {
            var serving = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Inference, "/api/serving", tenant));
            return serving.AsArray().FirstOrDefault(d => d!["name"]!.GetValue<string>() == "products" && d["loaded"]!.GetValue<bool>());
        }, d => d is not null, "the image model to be promoted and loaded", TimeSpan.FromMinutes(5));

        var versions = await PlatformApi.ReadJsonAsync(await platform.SendAsync(HttpMethod.Get, ResourceNames.Registry, "/api/deployments/products/versions", tenant));
        output.WriteLine(string.Join("; ", versions.AsArray().Select(v => $"{v!["technique"]} {v["family"]} {v["stage"]} {v["artifact"]!["sizeBytes"]} B auc {v["testAuc"]}")));
        var techniques = versions.AsArray().ToDictionary(v => v!["technique"]!.GetValue<string>(), v => v!);
        var fp32 = techniques["fp32"];
        Assert.Equal("image-cnn", fp32["family"]!.GetValue<string>());
        Assert.Equal(["image-cnn"], fp32["candidates"]!.AsArray().Select(c => c!["family"]!.GetValue<string>()));
        // Macro ROC-AUC over ten classes on ~225 held-out images after five narrow epochs: chance is 0.5.
        Assert.True(fp32["testAuc"]!.GetValue<double>() > 0.9, fp32.ToJsonString());
        // int8 of the dense layers and a student of half the widths, both measured on the same images.
        Assert.True(techniques["int8"]["artifact"]!["sizeBytes"]!.GetValue<long>() < fp32["artifact"]!["sizeBytes"]!.GetValue<long>());
        Assert.Equal("image-cnn", techniques["distilled"]["family"]!.GetValue<string>());
        Assert.True(techniques["distilled"]["artifact"]!["sizeBytes"]!.GetValue<long>() < 0.5 * fp32["artifact"]!["sizeBytes"]!.GetValue<long>());

        // Twenty test images it never saw, as base64 PNG: most are told apart (a narrow five-epoch CNN on 1,050 images; chance is 0.1).
        var (test, labels) = ProductImages.Read(ProductImages.Test, 20);
        var body = new { instances = Enumerable.Range(0, 20).Select(i => new Dictionary<string, object> { ["image"] = ProductImages.Base64Png(test, i) }).ToArray() };
        var answer = await PlatformApi.ReadJsonAsync(await platform.PostWithKeyAsync(apiKey, "/api/deployments/products/predict", body));
        var predictions = answer["predictions"]!.AsArray();
        Assert.All(predictions, p => Assert.Equal(1, p!["probabilities"]!.AsObject().Sum(kv => kv.Value!.GetValue<double>()), 3));
        var right = predictions.Select((p, i) => p!["label"]!.GetValue<string>() == ProductImages.Classes[labels[i]]).Count(r => r);
        Assert.True(right >= 12, $"{right} of 20 test images classified right: {answer.ToJsonString()}");

        // Why, patch by patch: each patch names its pixels.
        var explained = await PlatformApi.ReadJsonAsync(await platform.PostWithKeyAsync(apiKey, "/api/deployments/products/predict?explain=true&top=3",
            new { instances = new[] { body.instances[0] } }));
        var explanation = explained["predictions"]![0]!["explanation"]!;
        output.WriteLine(explanation.ToJsonString());
        Assert.Equal("occlusion", explanation["method"]!.GetValue<string>());
        Assert.Equal(3, explanation["contributions"]!.AsArray().Count);
        Assert.All(explanation["contributions"]!.AsArray(), c => Assert.StartsWith("x ", c!["feature"]!.GetValue<string>()));

        var notAnImage = await platform.PostWithKeyAsync(apiKey, "/api/deployments/products/predict",
            new { instances = new[] { new Dictionary<string, object> { ["image"] = "bm90IGFuIGltYWdl" } } });
        Assert.Equal(HttpStatusCode.BadRequest, notAnImage.StatusCode);
        Assert.Contains("must be a PNG or JPEG image: it is not an image Skia can read (PNG or JPEG)", await notAnImage.Content.ReadAsStringAsync());

        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) == 21, "billing to apply the 21 served predictions");
    }

    /// <summary>The archive with one entry cut to half its bytes.</summary>
    private static byte[] Damaged(byte[] archive, string entryName)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        using (var copy = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = new MemoryStream();
                using (var stream = entry.Open()) stream.CopyTo(read);
                var bytes = read.ToArray();
                using var write = copy.CreateEntry(entry.FullName).Open();
                write.Write(entry.FullName == entryName ? bytes[..(bytes.Length / 2)] : bytes);
            }
        }
        return output.ToArray();
    }
}
