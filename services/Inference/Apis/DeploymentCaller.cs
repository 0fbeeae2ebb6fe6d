using System.Reflection;
using Platform.Inference.Domain;

namespace Platform.Inference.Apis;

/// <summary>The deployment whose API key the request presented (set by <see cref="ApiKeyAuthenticationHandler"/>).</summary>
public sealed record DeploymentCaller(DeploymentCredentials Deployment, Guid KeyId) : IBindableFromHttpContext<DeploymentCaller>
{
    public static ValueTask<DeploymentCaller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.Features.Get<DeploymentCaller>());
}
