using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Ingestion.Apis;
using Platform.Ingestion.Extensions;
using Platform.ServiceDefaults.Http;

namespace Platform.Ingestion.Tests;

/// <summary>
/// The upload's byte limit is the setting, mapped on the endpoint so that Kestrel enforces it and the
/// refusal is 413 problem details naming <c>file</c> and <c>maxUploadBytes</c> (how a body over an
/// endpoint's limit is answered is <c>BodyLimitTests</c>, through Kestrel; here, which limit is set).
/// Built from the service's own registration; nothing connects to a server.
/// </summary>
public sealed class UploadEndpointLimitTests
{
    private static BodyLimit UploadLimit(params string[] settings)
    {
        var builder = WebApplication.CreateBuilder([
            $"--ConnectionStrings:{ResourceNames.Database(ResourceNames.Ingestion)}=Host=unused",
            $"--ConnectionStrings:{ResourceNames.Messaging}=amqp://unused",
            .. settings]);
        builder.AddServiceDefaults();
        builder.AddIngestion();
        using var app = builder.Build();
        app.MapDatasetsApi();
        var upload = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "UploadDatasetVersion");
        return Assert.IsType<BodyLimit>(upload.Metadata.GetMetadata<BodyLimit>());
    }

    [Fact]
    public void An_upload_may_be_2_GiB_by_default_and_its_refusal_names_the_file()
    {
        var limit = UploadLimit();
        Assert.Equal(new ServiceLimit("maxUploadBytes", 2L << 30), limit.Limit);
        Assert.Equal("file", limit.Field);
        Assert.Equal(2L << 30, limit.MaxRequestBodySize);
    }

    [Fact]
    public void The_upload_byte_limit_is_the_ingestion_limits_setting()
    {
        var limit = UploadLimit($"--{UploadLimits.Section}:MaxUploadBytes=12345");
        Assert.Equal(new ServiceLimit("maxUploadBytes", 12_345), limit.Limit);
    }

    [Fact]
    public void A_limit_that_is_not_positive_stops_the_service_from_starting()
    {
        var error = Assert.ThrowsAny<Exception>(() => UploadLimit($"--{UploadLimits.Section}:MaxRows=0"));
        Assert.Contains("MaxRows", error.Message);
    }
}
