using System.Net;
using Platform.Contracts.Api.Registry;
using Platform.Portal.Services;
using Platform.Tabular;

namespace Platform.Portal.Tests;

/// <summary>
/// The portal's clients speak the services' own request and response types: what the services write
/// (enums by name) is what the portal reads, and what the portal sends keeps its JSON shape.
/// </summary>
public sealed class ServiceClientsTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public async Task A_profile_reads_its_column_kinds_by_name_into_tabulars_records()
    {
        var service = new FakeService(HttpStatusCode.OK, """
            {"dataset":"credit","version":1,"targetColumn":"Status","rows":4,
             "schema":[{"name":"Amount","kind":"Numeric","nullable":true},{"name":"Status","kind":"Categorical","nullable":false}],
             "columns":[{"name":"Amount","kind":"Numeric","nullable":true,"count":3,"missing":1,"distinct":3,"distinctCapped":false,
                         "numeric":{"min":1,"max":3,"mean":2,"stdDev":0.8},"histogram":[{"lower":1,"upper":3,"count":3}],"topCategories":[]},
                        {"name":"Status","kind":"Categorical","nullable":false,"count":4,"missing":0,"distinct":2,"distinctCapped":false,
                         "numeric":null,"histogram":[],"topCategories":[{"value":"good","count":3},{"value":"bad","count":1}]}]}
            """);

        var profile = await new IngestionClient(service.Client(), SignedInMember.Token(Tenant, "token")).ProfileAsync("credit", 1);

        Assert.Equal([ColumnKind.Numeric, ColumnKind.Categorical], profile!.Schema.Select(c => c.Kind));
        var amount = profile.Columns[0];
        Assert.True(amount.IsNumeric);
        Assert.Equal(0.25, amount.MissingShare);
        Assert.False(profile.Columns[1].IsNumeric);
        Assert.Equal("good", profile.Columns[1].TopCategories[0].Value);
    }

    [Fact]
    public async Task A_prediction_sends_its_instances_as_the_public_api_takes_them()
    {
        var version = Guid.NewGuid();
        var id = Guid.NewGuid();
        var service = new FakeService(HttpStatusCode.OK, $$"""
            {"deploymentName":"credit","modelVersionId":"{{version}}","predictions":[{"label":"good","probabilities":{"bad":0.2,"good":0.8},"predictionId":"{{id}}"}]}
            """);

        var answer = await new InferenceClient(service.Client(), SignedInMember.Token(Tenant, "token"))
            .PredictAsync("credit", "pk_key", [new Dictionary<string, object?> { ["Amount"] = 1200.5, ["Purpose"] = "car" }]);

        Assert.Equal("""{"instances":[{"Amount":1200.5,"Purpose":"car"}]}""", service.Body);
        Assert.Equal("pk_key", service.Request!.Headers.GetValues("X-Api-Key").Single());
        var prediction = Assert.Single(answer.Predictions);
        Assert.Equal(id, prediction.PredictionId);
        Assert.Equal(0.8, prediction.Probabilities["good"]);
    }

    [Fact]
    public async Task A_deployment_request_leaves_out_what_it_does_not_override()
    {
        var service = new FakeService(HttpStatusCode.Created, "{}");

        await new RegistryClient(service.Client(), SignedInMember.Token(Tenant, "token"))
            .CreateDeploymentAsync(new CreateDeploymentRequest("credit", "finance-credit-risk", "credit", "Status", "good"));

        Assert.Equal("""{"name":"credit","solution":"finance-credit-risk","dataset":"credit","targetColumn":"Status","positiveClass":"good"}""", service.Body);
    }

    [Fact]
    public async Task A_reconciliation_is_asked_for_with_a_post_and_read_with_its_outcome_by_name()
    {
        var id = Guid.NewGuid();
        var requested = new FakeService(HttpStatusCode.Accepted, $$"""{"reconciliationId":"{{id}}","requestedAt":"2026-11-24T10:42:00+00:00"}""");
        var answer = await new BillingClient(requested.Client(), SignedInMember.Token(Tenant, "token")).RequestReconciliationAsync();
        Assert.Equal((HttpMethod.Post, "/api/usage/reconciliation", id), (requested.Request!.Method, requested.Request.RequestUri!.AbsolutePath, answer.ReconciliationId));

        var read = new FakeService(HttpStatusCode.OK, $$"""
            {"tenantId":"{{Tenant}}","last":{"reconciliationId":"{{id}}","reconciledAt":"2026-11-24T10:42:01+00:00","from":"2026-11-22T10:00:00+00:00",
             "until":"2026-11-24T10:40:00+00:00","outcome":"Resent","matched":true,"servedPredictions":9232,"billedPredictions":9184,"resentPredictions":48,
             "gaps":[{"deployment":"credit","hourStart":"2026-11-24T10:00:00+00:00","servedRecords":4000,"servedPredictions":4616,"billedRecords":3952,
                      "billedPredictions":4568,"action":"Resend","resentRecords":48,"resentPredictions":48,"billedPredictionsAfter":4616}]},"recent":[]}
            """);
        var reconciliation = await new BillingClient(read.Client(), SignedInMember.Token(Tenant, "token")).ReconciliationAsync();

        var last = reconciliation.Value!.Last!;
        Assert.Equal(("Resent", 9_232L, 48L, "Resend", 4_616L), (last.Outcome, last.ServedPredictions, last.ResentPredictions, last.Gaps[0].Action, last.Gaps[0].BilledPredictionsAfter));
    }

    [Fact]
    public async Task A_key_rotation_and_a_plan_change_send_the_fields_the_services_read()
    {
        var registry = new FakeService(HttpStatusCode.Created, $$"""
            {"key":{"id":"{{Guid.NewGuid()}}","prefix":"pk_abc","scopes":["predict"],"state":"active","createdAt":"2026-11-25T09:00:00Z"},"apiKey":"pk_abcdef"}
            """);
        await new RegistryClient(registry.Client(), SignedInMember.Token(Tenant, "token")).RotateKeyAsync("credit", Guid.NewGuid(), 600);
        Assert.Equal("""{"graceSeconds":600}""", registry.Body);

        var billing = new FakeService(HttpStatusCode.OK, """{"name":"growth","pricePer1000":0.35,"currency":"USD","includedMonthlyPredictions":1000000}""");
        var plan = await new BillingClient(billing.Client(), SignedInMember.Token(Tenant, "token")).ChangePlanAsync("growth");
        Assert.Equal("""{"plan":"growth"}""", billing.Body);
        Assert.Equal(0.35m, plan.PricePer1000);
    }
}
