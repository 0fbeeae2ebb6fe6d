using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Access;
using Platform.Portal.Accounts;

namespace Platform.Portal.Identity;

/// <summary>
/// An organization's members, as its admins manage them (the team page and the API): add one with a
/// role (a generated password, shown once), change a role, remove one. A change of role or a removal
/// ends the member's sessions and tokens at once (<see cref="MemberAccess"/>). Only members of the
/// caller's own organization are found: an id from elsewhere is "not found".
/// </summary>
public sealed class Members(UserManager<PortalUser> users, MemberAccess access)
{
    public sealed record Member(string Id, string Email, string Role);
    public sealed record Refused(string Field, string Reason);

    public async Task<List<Member>> ListAsync(Guid tenantId, CancellationToken ct)
    {
        var members = await users.Users.Where(u => u.TenantId == tenantId).OrderBy(u => u.Email).ToListAsync(ct);
        var listed = new List<Member>(members.Count);
        foreach (var member in members) listed.Add(new Member(member.Id, member.Email ?? member.UserName ?? "", (await users.GetRolesAsync(member)).FirstOrDefault() ?? ""));
        return listed;
    }

    public async Task<(Member? Added, string? Password, Refused? Refused)> AddAsync(Guid tenantId, string? email, string? role, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email)) return (null, null, new("email", "is required"));
        if (role is null || !PlatformRoles.All.Contains(role)) return (null, null, new("role", $"must be one of {string.Join(", ", PlatformRoles.All)}"));
        var password = Organizations.GeneratePassword();
        var user = new PortalUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, TenantId = tenantId };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded)
        {
            // An address taken by another organization's member must not be confirmed to this one.
            var reason = result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? "this address cannot be added; ask its owner to use another one"
                : string.Join(" ", result.Errors.Select(e => e.Description));
            return (null, null, new("email", reason));
        }
        return (new Member(user.Id, user.Email!, role), password, null);
    }

    /// <summary>Null when the organization has no such member (or it is the caller: an admin does not demote or remove themselves).</summary>
    public async Task<(Member? Changed, Refused? Refused)> ChangeRoleAsync(Guid tenantId, string memberId, string? role, string callerId, CancellationToken ct)
    {
        if (role is null || !PlatformRoles.All.Contains(role)) return (null, new("role", $"must be one of {string.Join(", ", PlatformRoles.All)}"));
        if (await FindAsync(tenantId, memberId, callerId) is not { } user) return (null, null);
        var held = await users.GetRolesAsync(user);
        var result = await users.RemoveFromRolesAsync(user, held);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded) return (null, new("role", string.Join(" ", result.Errors.Select(e => e.Description))));
        await access.RevokeAsync(tenantId, user.Id, $"role changed to {role}", ct);
        return (new Member(user.Id, user.Email!, role), null);
    }

    public async Task<bool> RemoveAsync(Guid tenantId, string memberId, string callerId, CancellationToken ct)
    {
        if (await FindAsync(tenantId, memberId, callerId) is not { } user) return false;
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await access.RevokeAsync(tenantId, user.Id, "removed from the organization", ct);
        return true;
    }

    private async Task<PortalUser?> FindAsync(Guid tenantId, string memberId, string callerId) =>
        memberId == callerId ? null : await users.FindByIdAsync(memberId) is { } user && user.TenantId == tenantId ? user : null;
}
