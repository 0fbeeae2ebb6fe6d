using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Contracts.Registry;
using Platform.Inference.Apis;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Tests;

/// <summary>
/// Feedback's refusals of the body itself, which come before any served prediction is looked up or
/// labelled: there is no database here, so a refusal that read or wrote one would fail.
/// </summary>
public sealed class FeedbackApiTests : IDisposable
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private readonly DeploymentDirectory _directory = new();
    private readonly ModelHost _host = new();

    public FeedbackApiTests()
    {
        _directory.Upsert(KeyFixtures.Credentials(Tenant, "risk", ApiKeys.Create(), model: Guid.NewGuid()));
        _host.Activate(new LoadedModel(new DeploymentKey(Tenant, "risk"), Guid.NewGuid(), 1, new FakeScoringModel()));
    }

    public void Dispose() => _host.Dispose();

    private async Task<ProblemHttpResult> Refusal(string body, InferenceOptions options)
    {
        using var document = JsonDocument.Parse(body);
        var credentials = _directory.Find(new DeploymentKey(Tenant, "risk"))!;
        var result = await FeedbackApi.PostFeedback("risk", document.RootElement.Clone(), new DeploymentCaller(credentials, credentials.Keys[0].Id),
            _host, db: null!, TimeProvider.System, Options.Create(options), CancellationToken.None);
        return Assert.IsType<ProblemHttpResult>(result.Result);
    }

    private static string Items(int count) =>
        JsonSerializer.Serialize(Enumerable.Range(0, count).Select(_ => new { predictionId = Guid.NewGuid(), label = "good" }));

    [Fact]
    public async Task More_items_than_the_limit_are_a_bad_request_naming_the_body_and_max_feedback_items()
    {
        var problem = await Refusal(Items(3), new InferenceOptions { MaxFeedbackItems = 2 });

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("body", problem.ProblemDetails.Extensions["field"]);
        Assert.Equal("may contain at most 2 items, had 3", problem.ProblemDetails.Extensions["reason"]);
        Assert.Equal(new ServiceLimit("maxFeedbackItems", 2), problem.ProblemDetails.Extensions["limit"]);
    }

    [Fact]
    public async Task The_default_feedback_limit_is_10000_items()
    {
        var problem = await Refusal(Items(10_001), new InferenceOptions());
        Assert.Equal(new ServiceLimit("maxFeedbackItems", 10_000), problem.ProblemDetails.Extensions["limit"]);
    }
}
