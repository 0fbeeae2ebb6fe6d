using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Access;
using Platform.Portal.Identity;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Portal.Apis;

/// <summary>
/// Organizations created by the platform's operator (a credential only the operator holds): how the
/// demo, the system tests and a reseller's provisioning create customers. Customers sign up on the
/// portal's page; nothing creates an organization anonymously.
/// </summary>
public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/organizations", CreateOrganization)
            .WithName("CreateOrganization")
            .WithSummary("Create an organization, its first admin and, if asked, a first API client (its secret and a generated password are in the response, once)")
            .WithTags("Organizations")
            .RequireScope(PlatformScopes.OrganizationsWrite)
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Created<CreatedOrganization>, ProblemHttpResult>> CreateOrganization(
        CreateOrganizationRequest request, Organizations organizations, CancellationToken ct)
    {
        if (request.Admin?.Email is not { Length: > 0 } email) return Problems.Invalid("admin.email", "is required");
        var client = request.Client is { } c ? new Organizations.NewClient(c.Name ?? "", c.Scopes ?? [], c.ExpiresInDays ?? 90) : null;
        var (created, refused) = await organizations.CreateAsync(
            new Organizations.NewOrganization(request.Name ?? "", email, request.Admin.Password, request.Plan, client), ct);
        if (refused is not null) return Problems.Invalid(ApiField(refused.Field), refused.Reason);

        var tenant = created!.Tenant;
        return TypedResults.Created($"/api/organizations/{tenant.Id}", new CreatedOrganization(
            tenant.Id, tenant.Name, tenant.Plan, created.Admin.Email!, created.GeneratedPassword,
            created.Client is { } made ? new CreatedClient(made.ClientId, created.ClientSecret!, made.Scopes, made.ExpiresAt) : null));
    }

    private static string ApiField(string field) => field switch
    {
        "adminPassword" => "admin.password",
        "adminEmail" => "admin.email",
        _ => field,
    };
}

public sealed record CreateOrganizationRequest(string? Name, string? Plan, NewAdmin? Admin, NewApiClient? Client);

public sealed record NewAdmin(string? Email, string? Password);

public sealed record NewApiClient(string? Name, string[]? Scopes, int? ExpiresInDays);

/// <summary><see cref="AdminPassword"/> only when the platform generated it; the client's secret is shown here and nowhere else.</summary>
public sealed record CreatedOrganization(Guid TenantId, string Name, string Plan, string AdminEmail, string? AdminPassword, CreatedClient? Client);

public sealed record CreatedClient(string ClientId, string ClientSecret, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);
