using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// The organization a request acts for: taken from the caller's validated credential, never from
/// anything else the caller sends. Endpoints take it as a parameter; their scope policy has already
/// made sure the credential names a tenant.
/// </summary>
public sealed class CallerTenant : IBindableFromHttpContext<CallerTenant>
{
    private CallerTenant(Guid id) => Id = id;

    public Guid Id { get; }

    public static CallerTenant Of(Guid id) => new(id);

    public static ValueTask<CallerTenant?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(context.User.TenantId() is { } id ? new CallerTenant(id) : null);

    public override string ToString() => Id.ToString();
}
