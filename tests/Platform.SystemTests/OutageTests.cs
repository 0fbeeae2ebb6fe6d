using System.Net;
using Platform.Contracts;

namespace Platform.SystemTests;

[Collection(OutageCollection.Name)]
public sealed class OutageTests(OutageFixture platform)
{
    [Fact]
    public async Task An_event_committed_while_the_broker_is_down_is_delivered_once_it_is_back()
    {
        var tenant = await platform.RegisterTenantAsync();
        await platform.StopResourceAsync(ResourceNames.Messaging);
        try
        {
            var upload = await platform.UploadDatasetAsync(tenant, "churn", "retail-churn.csv");
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode); // the commit does not need the broker

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Empty(await platform.RegisteredVersionsAsync(tenant, "churn"));
        }
        finally
        {
            await platform.StartResourceAsync(ResourceNames.Messaging);
        }

        await Eventually.TrueAsync(async () => (await platform.RegisteredVersionsAsync(tenant, "churn")).Length == 1,
            "the outbox to deliver after the broker returned", TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await platform.RegisteredVersionsAsync(tenant, "churn"));
    }

    [Fact]
    public async Task A_service_is_unhealthy_while_its_database_is_down_and_healthy_when_it_returns()
    {
        var billing = platform.Client(ResourceNames.Billing);
        Assert.Equal(HttpStatusCode.OK, (await billing.GetAsync("/health")).StatusCode);

        await platform.StopResourceAsync(ResourceNames.Postgres);
        try
        {
            await Eventually.TrueAsync(async () => (await billing.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "billing to report its database down");
            Assert.Equal(HttpStatusCode.OK, (await billing.GetAsync("/alive")).StatusCode); // down is not dead
        }
        finally
        {
            await platform.StartResourceAsync(ResourceNames.Postgres);
        }

        await Eventually.TrueAsync(async () => (await billing.GetAsync("/health")).StatusCode == HttpStatusCode.OK,
            "billing to report healthy again", TimeSpan.FromMinutes(2));
    }
}
