using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Registry;
using Platform.Inference.Apis;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

/// <summary>
/// The predict endpoint's refusals once the key is accepted, which all answer before anything is
/// billed (so no database is needed here; a served request's metering is a database transaction).
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

    private async Task<ProblemHttpResult> Refusal(string deployment, string instances)
    {
        var services = new PredictionServices(_host, new DriftMonitor(Options.Create(new InferenceOptions()), TimeProvider.System), Db: null!, TimeProvider.System,
            Options.Create(new InferenceOptions()), NullLogger<PredictionServices>.Instance);
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
}
