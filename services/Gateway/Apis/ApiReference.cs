using Platform.Gateway.Domain;
using Scalar.AspNetCore;

namespace Platform.Gateway.Apis;

public static class ApiReference
{
    /// <summary>
    /// The platform's API reference (Scalar) at <c>/scalar</c>: every service's OpenAPI document,
    /// with its security schemes (OAuth 2.0 client credentials, deployment API keys). Documentation
    /// holds no organization's data: it is open to read.
    /// </summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference("/scalar", options =>
        {
            options.WithTitle("Platform API");
            foreach (var service in PublicRoutes.Documented) options.AddDocument(service, service, $"../openapi/{service}.json"); // relative to /scalar/, where the page is
        }).AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/scalar")).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
