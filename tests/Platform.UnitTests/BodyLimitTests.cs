using System.Security.Cryptography;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Http;

namespace Platform.UnitTests;

/// <summary>
/// A body over its endpoint's limit, through real Kestrel and the pipeline every service gets from
/// <c>MapDefaultEndpoints</c>: each way Kestrel refuses one (before the endpoint, inside JSON binding,
/// inside a streamed read) reaches the caller as 413 problem details naming the field and the limit.
/// </summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    // Above 1,024: HttpClient sends a smaller declared body even after a refusal, to keep the connection.
    private const long Limit = 4_096;
    private static readonly ServiceLimit Named = new("maxTestBytes", Limit);
    private readonly string _artifacts = Path.Combine(Path.GetTempPath(), $"body-limit-{Guid.NewGuid():N}");
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private int _streamedCalls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        builder.Services.AddSingleton(new ContentAddressedStore(Options.Create(new ArtifactStoreOptions { Root = _artifacts }),
            new TenantKeyring(_artifacts + "-keys", RandomNumberGenerator.GetBytes(TenantKeyring.KeyBytes))));
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapPost("/json", (Payload payload) => TypedResults.Ok(payload.Text.Length)).WithBodyLimit(Named);
        // Staged like an upload: a refused body must leave no staging file.
        _app.MapPost("/streamed", async (HttpRequest request, ContentAddressedStore store, CancellationToken ct) =>
        {
            Interlocked.Increment(ref _streamedCalls);
            using var staged = await store.StageAsync(Guid.NewGuid(), request.Body, ct);
            return TypedResults.Ok(staged.SizeBytes);
        }).WithBodyLimit(Named, "file");
        await _app.StartAsync();
        var address = _app.Urls.First(); // the port Kestrel chose
        // Patient with 100-continue: the refusal must come before the body is asked for, however slow the machine.
        _client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        if (Directory.Exists(_artifacts)) Directory.Delete(_artifacts, recursive: true);
        if (Directory.Exists(_artifacts + "-keys")) Directory.Delete(_artifacts + "-keys", recursive: true);
    }

    private sealed record Payload(string Text);

    private static string Json(int characters) => JsonSerializer.Serialize(new Payload(new string('x', characters)));

    private static async Task<JsonNode> AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(413, problem["status"]!.GetValue<int>());
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.Contains("4,096 bytes", problem["reason"]!.GetValue<string>());
        Assert.Equal("maxTestBytes", problem["limit"]!["name"]!.GetValue<string>());
        Assert.Equal(Limit, problem["limit"]!["value"]!.GetValue<long>());
        return problem;
    }

    private void AssertNothingStaged()
    {
        var staging = Path.Combine(_artifacts, "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFiles(staging).Length == 0, "a refused body left a staged file");
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_the_body_is_sent()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/streamed") { Content = new UnsendableContent(Limit + 1) };
        request.Headers.ExpectContinue = true;

        var problem = await AssertRefusedAsync(await _client.SendAsync(request), "file");

        Assert.Contains("4,097 bytes", problem["reason"]!.GetValue<string>());
        Assert.Equal(0, _streamedCalls);
        AssertNothingStaged();
    }

    [Fact]
    public async Task A_json_body_without_a_length_that_grows_past_the_limit_is_refused_with_problem_details_not_an_empty_413()
    {
        var response = await _client.PostAsync("/json", new UnknownLengthContent(Json(8_000), "application/json"));
        await AssertRefusedAsync(response, "body");
    }

    [Fact]
    public async Task A_streamed_body_without_a_length_that_grows_past_the_limit_is_refused_and_its_staged_part_deleted()
    {
        var response = await _client.PostAsync("/streamed", new UnknownLengthContent(new string('x', 8_000), "text/csv"));

        await AssertRefusedAsync(response, "file");
        Assert.Equal(1, _streamedCalls);
        AssertNothingStaged();
    }

    [Fact]
    public async Task A_body_within_the_limit_is_served()
    {
        var response = await _client.PostAsync("/json", new StringContent(Json(4_000), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Sent chunked, so only Kestrel's count of the bytes can find it too big.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(string text, string mediaType)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Declares a length and fails if the body is ever asked for: the refusal must come first.</summary>
    private sealed class UnsendableContent : HttpContent
    {
        private readonly long _length;

        public UnsendableContent(long length)
        {
            _length = length;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            throw new InvalidOperationException("The server asked for a body it should have refused by its declared length.");

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
