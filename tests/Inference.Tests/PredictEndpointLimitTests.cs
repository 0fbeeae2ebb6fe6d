using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Inference.Apis;
using Platform.Inference.Extensions;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Tests;

/// <summary>
/// The predict body's byte limit is the setting, mapped on the endpoint so that Kestrel enforces it
/// and the refusal is 413 problem details naming <c>body</c> and <c>maxPredictBodyBytes</c> (how a
/// body over an endpoint's limit is answered is <c>BodyLimitTests</c>, through Kestrel; here, which
/// limit is set). Built from the service's own registration; nothing connects to a server.
/// </summary>
public sealed class PredictEndpointLimitTests
{
    private static BodyLimit PredictLimit(params string[] settings)
    {
        var builder = WebApplication.CreateBuilder([
            $"--ConnectionStrings:{ResourceNames.Database(ResourceNames.Inference)}=Host=unused",
            $"--ConnectionStrings:{ResourceNames.Messaging}=amqp://unused",
            .. settings]);
        builder.AddServiceDefaults();
        builder.AddInference();
        using var app = builder.Build();
        app.MapPredictionsApi();
        var predict = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints)
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "Predict");
        return Assert.IsType<BodyLimit>(predict.Metadata.GetMetadata<BodyLimit>());
    }

    [Fact]
    public void A_predict_body_may_be_4_MiB_by_default_and_its_refusal_names_the_body()
    {
        var limit = PredictLimit();
        Assert.Equal(new ServiceLimit("maxPredictBodyBytes", 4L << 20), limit.Limit);
        Assert.Equal("body", limit.Field);
        Assert.Equal(4L << 20, limit.MaxRequestBodySize);
    }

    [Fact]
    public void The_predict_body_limit_is_the_inference_setting()
    {
        var limit = PredictLimit($"--{InferenceOptions.Section}:MaxPredictBodyBytes=12345");
        Assert.Equal(new ServiceLimit("maxPredictBodyBytes", 12_345), limit.Limit);
    }
}
