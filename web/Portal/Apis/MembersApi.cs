using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Access;
using Platform.Portal.Identity;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Portal.Apis;

/// <summary>An organization's members, for its admins' programs (the team page does the same for people).</summary>
public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/members").WithTags("Members").RequireScope(PlatformScopes.OrganizationAdmin).DisableAntiforgery();
        api.MapGet("/", List).WithName("ListMembers").WithSummary("The organization's members and their roles");
        api.MapPost("/", Add).WithName("AddMember").WithSummary("Add a member with a role; the generated password is in the response, once");
        api.MapPut("/{memberId}/role", ChangeRole).WithName("ChangeMemberRole").WithSummary("Change a member's role; their sessions and tokens end at once");
        api.MapDelete("/{memberId}", Remove).WithName("RemoveMember").WithSummary("Remove a member; their sessions and tokens end at once");
        return app;
    }

    public static async Task<Ok<Members.Member[]>> List(CallerTenant tenant, Members members, CancellationToken ct) =>
        TypedResults.Ok((await members.ListAsync(tenant.Id, ct)).ToArray());

    public static async Task<Results<Created<AddedMember>, ProblemHttpResult>> Add(AddMemberRequest request, CallerTenant tenant, Members members, CancellationToken ct)
    {
        var (added, password, refused) = await members.AddAsync(tenant.Id, request.Email, request.Role, ct);
        return refused is not null
            ? Problems.Invalid(refused.Field, refused.Reason)
            : TypedResults.Created($"/api/members/{added!.Id}", new AddedMember(added.Id, added.Email, added.Role, password!));
    }

    public static async Task<Results<Ok<Members.Member>, ProblemHttpResult>> ChangeRole(
        string memberId, ChangeRoleRequest request, CallerTenant tenant, HttpContext http, Members members, CancellationToken ct)
    {
        var (changed, refused) = await members.ChangeRoleAsync(tenant.Id, memberId, request.Role, http.User.Subject() ?? "", ct);
        if (refused is not null) return Problems.Invalid(refused.Field, refused.Reason);
        return changed is null ? Problems.NotFound($"The organization has no other member {memberId}.") : TypedResults.Ok(changed);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(string memberId, CallerTenant tenant, HttpContext http, Members members, CancellationToken ct) =>
        await members.RemoveAsync(tenant.Id, memberId, http.User.Subject() ?? "", ct)
            ? TypedResults.NoContent()
            : Problems.NotFound($"The organization has no other member {memberId}.");
}

public sealed record AddMemberRequest(string? Email, string? Role);

public sealed record ChangeRoleRequest(string? Role);

/// <summary>The password is generated and shown here once; the member replaces it on the portal's password page.</summary>
public sealed record AddedMember(string Id, string Email, string Role, string Password);
