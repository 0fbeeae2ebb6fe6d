using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Contracts.Access;
using Platform.Contracts.Registry;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Access;

namespace Platform.Inference.Apis;

/// <summary>
/// Predict and feedback authenticate with the deployment's API key (<c>X-Api-Key</c>), checked
/// against the in-memory directory: no database read per request. A key that is valid but for
/// another deployment is a 403; a missing, unknown, expired or revoked key a 401 that says which.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    DeploymentDirectory directory, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string RefusalItem = "platform.apikey.refusal";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var name = Context.GetRouteValue("name") as string ?? "";
        var presented = Request.Headers[ApiKeys.Header].ToString();
        var check = directory.Check(name, presented, clock.GetUtcNow());
        if (check.Outcome == KeyCheckOutcome.Accepted)
        {
            Context.Features.Set(new DeploymentCaller(check.Deployment!, check.KeyId));
            var identity = new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, $"apikey:{check.KeyId}"),
                new Claim(PlatformClaims.TenantId, check.Deployment!.Key.TenantId.ToString()),
                new Claim(PlatformClaims.Scope, string.Join(' ', check.Scopes)),
            ], ApiKeyDefaults.Scheme, PlatformClaims.Subject, PlatformClaims.Role);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyDefaults.Scheme)));
        }

        var refusal = KeyRefusal.For(check, name);
        Context.Items[RefusalItem] = refusal;
        if (check.Outcome != KeyCheckOutcome.MissingKey) LogRefused(Logger, name, check.Outcome, LoggablePrefix(presented));
        return Task.FromResult(check.Outcome == KeyCheckOutcome.MissingKey ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(refusal.Detail));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Items[RefusalItem] as KeyRefusal ?? KeyRefusal.Missing(Context.GetRouteValue("name") as string ?? "");
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeys.Header}\"";
        await Problem(refusal.Status, refusal.Status == StatusCodes.Status403Forbidden ? "Forbidden" : "Unauthorized", refusal.Detail);
    }

    private Task Problem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    // A prefix of a short string would be most of it: log prefixes of key-length strings only.
    private static string? LoggablePrefix(string? apiKey) => apiKey is { Length: >= 32 } ? ApiKeys.Prefix(apiKey) : null;

    // Never the key itself: its prefix is enough to tell keys apart in logs.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request for deployment {Deployment}: {Outcome} (key prefix {KeyPrefix})")]
    private static partial void LogRefused(ILogger logger, string deployment, KeyCheckOutcome outcome, string? keyPrefix);
}
