using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Api.Inference;
using Platform.Contracts.Registry;
using Platform.Inference.Apis;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Tests;

/// <summary>
/// The predict endpoint's refusals once the key is accepted, which all answer before anything is
/// billed (so no database is needed here; a served request's metering is a database transaction, and
/// a refusal that wrote anything would fail on the missing database).
/// The key's own refusals are <see cref="KeyRefusalTests"/> and the directory's.
/// </summary>
public sealed class PredictionsApiTests : IDisposable
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private readonly DeploymentDirectory _directory = new();
    private readonly ModelHost _host = new();

    public PredictionsApiTests()
    {
        Register("risk", model: Guid.NewGuid());
        Register("unpromoted", model: null);
        Register("loading", model: Guid.NewGuid());
        _host.Activate(new LoadedModel(new DeploymentKey(Tenant, "risk"), Guid.NewGuid(), 1, new FakeScoringModel()));
    }

    public void Dispose() => _host.Dispose();

    private void Register(string name, Guid? model) =>
        _directory.Upsert(KeyFixtures.Credentials(Tenant, name, ApiKeys.Create(), model: model));

    private async Task<ProblemHttpResult> Refusal(string deployment, string instances, InferenceOptions? options = null)
    {
        var services = new PredictionServices(_host, KeyFixtures.PromotedOnly(_host), new DriftMonitor(Options.Create(new InferenceOptions()), TimeProvider.System), Commits: null!, TimeProvider.System,
            Options.Create(options ?? new InferenceOptions()), NullLogger<PredictionServices>.Instance);
        using var body = JsonDocument.Parse(instances);
        var credentials = _directory.Find(new DeploymentKey(Tenant, deployment))!;
        var caller = new DeploymentCaller(credentials, credentials.Keys[0].Id);
        var result = await PredictionsApi.Predict(deployment, new PredictRequest(body.RootElement.Clone()), caller, services, CancellationToken.None);
        return Assert.IsType<ProblemHttpResult>(result.Result);
    }

    [Fact]
    public async Task A_deployment_without_a_promoted_model_answers_conflict() =>
        Assert.Equal(409, (await Refusal("unpromoted", """[{"age": 1}]""")).StatusCode);

    [Fact]
    public async Task A_deployment_whose_promoted_model_is_not_loaded_yet_answers_unavailable() =>
        Assert.Equal(503, (await Refusal("loading", """[{"age": 1}]""")).StatusCode);

    [Fact]
    public async Task A_bad_value_is_a_bad_request_naming_the_column_and_the_instance()
    {
        var problem = await Refusal("risk", """[{"age": 1}, {"age": "old"}]""");
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("age", problem.ProblemDetails.Extensions["field"]);
        Assert.Equal(1L, problem.ProblemDetails.Extensions["row"]);
    }

    [Fact]
    public async Task More_instances_than_the_limit_are_a_bad_request_naming_instances_and_the_limit()
    {
        var problem = await Refusal("risk", """[{"age": 1}, {"age": 2}]""", new InferenceOptions { MaxInstancesPerRequest = 1 });

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("instances", problem.ProblemDetails.Extensions["field"]);
        Assert.Equal("may contain at most 1 instances, had 2", problem.ProblemDetails.Extensions["reason"]);
        Assert.Equal(new ServiceLimit("maxInstancesPerRequest", 1), problem.ProblemDetails.Extensions["limit"]);
    }

    [Fact]
    public async Task An_instance_with_too_many_properties_is_a_bad_request_naming_it_and_the_limit()
    {
        var problem = await Refusal("risk", """[{"age": 1}, {"age": 2, "a": 1, "b": 2}]""", new InferenceOptions { MaxInstanceProperties = 2 });

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("instances[1]", problem.ProblemDetails.Extensions["field"]);
        Assert.Equal(1L, problem.ProblemDetails.Extensions["row"]);
        Assert.Equal("has more than 2 properties", problem.ProblemDetails.Extensions["reason"]);
        Assert.Equal(new ServiceLimit("maxInstanceProperties", 2), problem.ProblemDetails.Extensions["limit"]);
        Assert.Contains("maxInstanceProperties", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task An_instance_over_the_byte_limit_is_a_bad_request_naming_it_and_the_limit()
    {
        var problem = await Refusal("risk", """[{"age": 1, "note": "a note far longer than the limit allows"}]""", new InferenceOptions { MaxInstanceBytes = 20 });

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("instances[0]", problem.ProblemDetails.Extensions["field"]);
        Assert.Equal(0L, problem.ProblemDetails.Extensions["row"]);
        Assert.StartsWith("is 61 bytes of JSON", (string)problem.ProblemDetails.Extensions["reason"]!);
        Assert.Equal(new ServiceLimit("maxInstanceBytes", 20), problem.ProblemDetails.Extensions["limit"]);
    }
}
