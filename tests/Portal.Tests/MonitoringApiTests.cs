using System.Net;
using System.Text.Json;
using Platform.Contracts.Api.Registry;
using Platform.Portal.Services;

namespace Platform.Portal.Tests;

/// <summary>
/// The monitoring and retraining calls as the services answer them: with the member's access token, read
/// from camelCase JSON, and a service that does not serve an API yet told from one that knows no
/// such deployment.
/// </summary>
public sealed class MonitoringApiTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Version = Guid.NewGuid();

    [Fact]
    public async Task Drift_is_read_as_the_signed_in_tenant_with_psi_by_feature()
    {
        var service = new FakeService(HttpStatusCode.OK, $$"""
            [{"windowStart":"2026-11-25T09:00:00Z","windowEnd":"2026-11-25T09:05:00Z","rows":500,"modelVersionId":"{{Version}}",
              "psi":{"glucose":0.31,"bmi":0.02},"maxPsi":0.31,"driftedFeatures":["glucose"],"driftDetected":true}]
            """);

        var answer = await Inference(service).DriftAsync("diabetes a", 50);

        Assert.Equal(Availability.Answered, answer.Availability);
        var window = Assert.Single(answer.Value!);
        Assert.Equal(0.31, window.Psi["glucose"]);
        Assert.Equal(["glucose"], window.DriftedFeatures);
        Assert.True(window.DriftDetected);
        Assert.Equal(Version, window.ModelVersionId);
        Assert.Equal("/api/deployments/diabetes%20a/drift?limit=50", service.Request!.RequestUri!.PathAndQuery);
        Assert.Equal($"Bearer {AccessToken}", service.Request.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task Quality_without_feedback_has_no_scores()
    {
        var service = new FakeService(HttpStatusCode.OK, $$"""{"modelVersionId":"{{Version}}","labelledRows":0,"windowRows":0,"rocAuc":null,"accuracy":null,"measuredAt":null}""");

        var quality = (await Inference(service).QualityAsync("diabetes")).Value!;

        Assert.Equal(0, quality.LabelledRows);
        Assert.Null(quality.RocAuc);
        Assert.Null(quality.MeasuredAt);
        Assert.Equal(0, quality.WindowRows);
    }

    [Fact]
    public async Task A_404_from_the_router_means_the_api_is_not_served_yet()
    {
        // What ASP.NET Core's status-code pages answer for a path no endpoint maps.
        var service = new FakeService(HttpStatusCode.NotFound, """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","status":404}""");

        Assert.Equal(Availability.NotServed, (await Inference(service).QualityAsync("diabetes")).Availability);
        Assert.Equal(Availability.NotServed, (await Registry(new FakeService(HttpStatusCode.NotFound, "")).RetrainingAsync("diabetes")).Availability);
    }

    [Fact]
    public async Task A_404_problem_that_says_what_is_missing_means_the_deployment_is_unknown()
    {
        var service = new FakeService(HttpStatusCode.NotFound, """{"title":"Not found","status":404,"detail":"Deployment 'diabetes' does not exist."}""");

        var answer = await Registry(service).RetrainingPolicyAsync("diabetes");

        Assert.Equal(Availability.Unknown, answer.Availability);
        Assert.Null(answer.Value);
    }

    [Fact]
    public async Task Any_other_refusal_is_a_problem_to_show()
    {
        var service = new FakeService(HttpStatusCode.InternalServerError, """{"title":"Database down","status":500,"detail":"try later"}""");

        var problem = await Assert.ThrowsAsync<ServiceProblem>(() => Registry(service).RetrainingAsync("diabetes"));

        Assert.Equal(HttpStatusCode.InternalServerError, problem.Status);
        Assert.Equal("Database down", problem.Title);
    }

    [Fact]
    public async Task An_answer_of_another_shape_is_a_problem_not_a_crash()
    {
        var service = new FakeService(HttpStatusCode.OK, """{"windows":[]}""");

        var problem = await Assert.ThrowsAsync<ServiceProblem>(() => Inference(service).DriftAsync("diabetes", 50));

        Assert.Equal("Unexpected answer", problem.Title);
    }

    [Fact]
    public async Task Retraining_episodes_read_their_trigger_state_and_open_decision()
    {
        var id = Guid.NewGuid();
        var service = new FakeService(HttpStatusCode.OK, $$"""
            [{"id":"{{id}}","trigger":"quality-drop","triggerDetail":"rocAuc 0.71 < 0.78","state":"AwaitingFeedback","baseDatasetVersionId":null,
              "datasetVersionId":null,"labelledRows":120,"runId":null,"championVersionId":"{{Version}}","challengerVersionId":null,
              "championAuc":0.78,"challengerAuc":null,"championMetrics":{},"challengerMetrics":{},"decision":null,"reason":null,"traceId":"00-abc-01",
              "startedAt":"2026-11-25T09:00:00Z","trainingStartedAt":null,"decidedAt":null,"secondsToData":null,"secondsTraining":null,"secondsToDecision":null}]
            """);

        var episode = Assert.Single((await Registry(service).RetrainingAsync("diabetes")).Value!);

        Assert.Equal(id, episode.Id);
        Assert.Equal("quality-drop", episode.Trigger);
        Assert.Equal("AwaitingFeedback", episode.State);
        Assert.Equal(120, episode.LabelledRows);
        Assert.Null(episode.Decision);
        Assert.Equal(0.78, episode.ChampionAuc);
    }

    [Fact]
    public async Task Saving_a_policy_puts_its_fields_in_camel_case_without_the_timestamp()
    {
        var service = new FakeService(HttpStatusCode.OK, """
            {"psiThreshold":0.25,"consecutiveWindows":3,"windowRows":500,"windowSeconds":300,"cooldownSeconds":600,"minLabelledRows":200,
             "promotionMargin":0.005,"maxQualityDrop":0.05,"onNewData":false,"onDrift":true,"onQualityDrop":true,"updatedAt":"2026-11-25T09:00:00Z"}
            """);
        var change = new RetrainingPolicyRequest(0.25, 3, 500, 300, 600, 200, 0.005, 0.05, false, true, true);

        var stored = await Registry(service).SaveRetrainingPolicyAsync("diabetes", change);

        Assert.Equal(HttpMethod.Put, service.Request!.Method);
        Assert.Equal("/api/deployments/diabetes/retraining-policy", service.Request.RequestUri!.AbsolutePath);
        using var body = JsonDocument.Parse(service.Body!);
        Assert.Equal(0.25, body.RootElement.GetProperty("psiThreshold").GetDouble());
        Assert.Equal(3, body.RootElement.GetProperty("consecutiveWindows").GetInt32());
        Assert.False(body.RootElement.GetProperty("onNewData").GetBoolean());
        Assert.False(body.RootElement.TryGetProperty("updatedAt", out _));
        Assert.Equal(11, body.RootElement.EnumerateObject().Count());
        Assert.Equal(3, stored.ConsecutiveWindows);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), stored.UpdatedAt);
    }

    [Fact]
    public async Task A_refused_policy_names_its_bad_fields()
    {
        var service = new FakeService(HttpStatusCode.BadRequest, """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,
             "detail":"The retraining policy has fields out of range; nothing was changed.","errors":{"psiThreshold":["must be greater than 0."],"windowRows":["must be at least 50.","must be at most 100000."]}}
            """);
        var change = new RetrainingPolicyRequest(-1, 3, 1, 300, 600, 200, 0.005, 0.05, false, true, true);

        var problem = await Assert.ThrowsAsync<ServiceProblem>(() => Registry(service).SaveRetrainingPolicyAsync("diabetes", change));

        Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        Assert.False(problem.NotServed);
        Assert.Equal("The retraining policy has fields out of range; nothing was changed.", problem.Detail);
        Assert.Equal(["must be greater than 0."], problem.Errors["PsiThreshold"]);
        Assert.Equal(2, problem.Errors["windowRows"].Length);
    }

    [Fact]
    public async Task A_put_the_service_does_not_route_is_not_served()
    {
        var service = new FakeService(HttpStatusCode.MethodNotAllowed, "");
        var change = new RetrainingPolicyRequest(0.2, 2, 500, 300, 600, 200, 0.005, 0.05, true, true, true);

        var problem = await Assert.ThrowsAsync<ServiceProblem>(() => Registry(service).SaveRetrainingPolicyAsync("diabetes", change));

        Assert.True(problem.NotServed);
    }

    private const string AccessToken = "member-access-token";

    private static InferenceClient Inference(FakeService service) => new(service.Client(), SignedInMember.Token(Tenant, AccessToken));

    private static RegistryClient Registry(FakeService service) => new(service.Client(), SignedInMember.Token(Tenant, AccessToken));
}
