using Platform.Inference.Serving;

namespace Platform.Inference.Apis;

/// <summary>
/// A request for a deployment this replica has no model for loads the promoted one (from the
/// deployment's row and the artifact store) before the endpoint runs, instead of answering 409:
/// a replica that has not heard of a promotion yet still serves it. Only a deployment with nothing
/// promoted gets "no model".
/// </summary>
public sealed class ModelOnDemandFilter(ModelHost host, ModelActivator activator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Features.Get<DeploymentCaller>() is { } caller && host.Current(caller.Deployment.Key) is null)
        {
            try
            {
                await activator.LoadOnDemandAsync(caller.Deployment.Key, context.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged by the loader; the endpoint answers as it would without a model (503 while one is promoted).
            }
        }
        return await next(context);
    }
}

public static class ModelOnDemandFilterExtensions
{
    /// <summary>Loads the deployment's promoted model on demand when this replica has none.</summary>
    public static RouteHandlerBuilder LoadsModelOnDemand(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter<ModelOnDemandFilter>();
}
