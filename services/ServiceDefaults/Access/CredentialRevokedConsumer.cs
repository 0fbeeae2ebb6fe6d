using MassTransit;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Inbox;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Access;

/// <summary>Keeps the revocation in the service's table (one replica of the service takes it): it survives restarts.</summary>
public sealed class CredentialRevokedConsumer(ServiceDbContext db, RevokedCredentials revoked)
    : InboxConsumer<CredentialRevoked, ServiceDbContext>(db)
{
    protected override async Task HandleAsync(CredentialRevoked message, ConsumeContext<CredentialRevoked> context)
    {
        var known = await Db.RevokedCredentials.FindAsync([message.Subject], context.CancellationToken);
        if (known is null)
        {
            Db.RevokedCredentials.Add(new RevokedCredential
            {
                Subject = message.Subject, TenantId = message.TenantId, RevokedAt = message.RevokedAt, Reason = message.Reason,
            });
        }
        else if (message.RevokedAt > known.RevokedAt)
        {
            known.RevokedAt = message.RevokedAt;
            known.Reason = message.Reason;
        }
        revoked.Revoke(message.Subject, message.RevokedAt);
    }
}

/// <summary>Applies the revocation in this replica's memory: every replica has its own temporary queue, so each hears it at once.</summary>
public sealed class CredentialRevokedListener(RevokedCredentials revoked) : IConsumer<CredentialRevoked>
{
    public Task Consume(ConsumeContext<CredentialRevoked> context)
    {
        revoked.Revoke(context.Message.Subject, context.Message.RevokedAt);
        return Task.CompletedTask;
    }
}
