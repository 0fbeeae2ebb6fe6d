using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Apis;

/// <summary>The public endpoints' check: the deployment exists and the caller presents its API key.</summary>
public static partial class DeploymentAccess
{
    public static ProblemHttpResult? Authorize(DeploymentDirectory directory, string name, string? apiKey, ILogger logger, out DeploymentCredentials? deployment)
    {
        var check = directory.Check(name, apiKey);
        deployment = check.Deployment;
        switch (check.Outcome)
        {
            case KeyCheckOutcome.UnknownDeployment:
                return Problems.NotFound($"Deployment '{name}' does not exist.");
            case KeyCheckOutcome.MissingKey or KeyCheckOutcome.WrongKey:
                LogRefused(logger, name, check.Outcome, LoggablePrefix(apiKey));
                return TypedResults.Problem(
                    detail: $"Send deployment '{name}''s API key in the {ApiKeys.Header} header.",
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Unauthorized");
            default:
                return null;
        }
    }

    // A prefix of a short string would be most of it: log prefixes of key-length strings only.
    private static string? LoggablePrefix(string? apiKey) => apiKey is { Length: >= 32 } ? ApiKeys.Prefix(apiKey) : null;

    // Never the key itself: its prefix is enough to tell keys apart in logs.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request for deployment {Deployment}: {Outcome} (key prefix {KeyPrefix})")]
    private static partial void LogRefused(ILogger logger, string deployment, KeyCheckOutcome outcome, string? keyPrefix);
}
