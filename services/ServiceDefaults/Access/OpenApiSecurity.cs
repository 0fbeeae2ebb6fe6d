using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;
using Platform.Contracts.Access;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Each service's OpenAPI document says how to call it: OAuth 2.0 client credentials at the identity
/// provider's token endpoint (with the scopes), or a deployment's API key; and each operation names
/// the scope it needs, read from the endpoint's own authorization metadata (so the reference cannot
/// drift from what the service enforces).
/// </summary>
internal static class OpenApiSecurity
{
    public const string OAuth2 = "oauth2";
    public const string ApiKey = "apiKey";

    public static void Configure(OpenApiOptions options, IConfiguration configuration)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            var issuer = configuration[$"{AccessOptions.Section}:Issuer"] is { Length: > 0 } configured ? new Uri(configured) : new Uri("http://localhost/");
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[OAuth2] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "An organization's API client (created by its admins in the portal) gets a token with its id and secret.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri(issuer, "connect/token"),
                        Scopes = PlatformScopes.Tenant.Concat(PlatformScopes.Operator).ToDictionary(s => s, Describe),
                    },
                },
            };
            document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Contracts.Registry.ApiKeys.Header,
                Description = "A deployment's API key (shown once when issued), for predict and feedback.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToArray();
            var keyScopes = policies.Where(PlatformScopes.ApiKey.Contains).ToList();
            var tokenScopes = policies.Where(p => !PlatformScopes.ApiKey.Contains(p) && p != AccessExtensions.AuthenticatedPolicy).ToList();
            operation.Security ??= [];
            operation.Security.Add(keyScopes.Count > 0
                ? new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, context.Document)] = keyScopes }
                : new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth2, context.Document)] = tokenScopes });
            return Task.CompletedTask;
        });
    }

    private static string Describe(string scope) => scope switch
    {
        PlatformScopes.DatasetsRead => "read datasets, their versions and profiles",
        PlatformScopes.DatasetsWrite => "upload dataset versions",
        PlatformScopes.DeploymentsRead => "read deployments, models, runs, monitoring and API keys",
        PlatformScopes.DeploymentsWrite => "deploy, change retraining policies, issue, rotate and revoke API keys",
        PlatformScopes.UsageRead => "read usage, invoices and the plan",
        PlatformScopes.OrganizationAdmin => "change the organization's plan",
        PlatformScopes.OrganizationsWrite => "create organizations (the platform operator only)",
        PlatformScopes.Operate => "release quarantined outbox rows, list the services' error queues and re-drive their messages (the platform operator only)",
        _ => scope,
    };
}
