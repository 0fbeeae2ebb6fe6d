using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace Platform.UnitTests;

/// <summary>The platform's HTTP clients retry what is safe to repeat and never a POST (a repeated deploy would lose the first key).</summary>
public sealed class ResilienceTests
{
    [Theory]
    [InlineData("GET", true)]
    [InlineData("POST", false)]
    [InlineData("PUT", false)]
    [InlineData("DELETE", false)]
    public async Task A_failed_call_is_retried_only_when_its_method_is_safe(string method, bool retried)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        var handler = new FailingHandler();
        builder.Services.AddHttpClient("service", c => c.BaseAddress = new Uri("http://service.test"))
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        // Only the waiting between attempts is shortened; which calls are retried stays the platform's.
        builder.Services.PostConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1));
        using var host = builder.Build();
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("service");

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/deployments"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        if (retried) Assert.True(handler.Calls > 1, $"{method} was sent {handler.Calls} time(s)");
        else Assert.Equal(1, handler.Calls);
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        public int Calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}
