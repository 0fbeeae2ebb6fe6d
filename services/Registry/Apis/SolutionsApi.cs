using Platform.Registry.Domain;

namespace Platform.Registry.Apis;

public static class SolutionsApi
{
    public static IEndpointRouteBuilder MapSolutionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/solutions", () => TypedResults.Ok(SolutionCatalog.All))
            .WithName("ListSolutions")
            .WithSummary("The vertical solutions a tenant can deploy")
            .WithTags("Solutions");
        return app;
    }
}
