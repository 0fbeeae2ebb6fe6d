using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Ingestion.Domain;
using Platform.Ingestion.Extensions;
using Platform.Ingestion.Infrastructure;
using Platform.ServiceDefaults.Artifacts;

namespace Platform.Ingestion.Apis;

/// <summary>What the dataset endpoints need, injected as one parameter.</summary>
public sealed class IngestionServices(IngestionDbContext db, ContentAddressedStore store, TimeProvider clock, IOptions<UploadLimits> limits)
{
    public IngestionDbContext Db => db;
    public ContentAddressedStore Store => store;
    public TimeProvider Clock => clock;
    public IOptions<UploadLimits> Limits => limits;

    public Task<Dataset?> FindDatasetAsync(Guid tenantId, string name, CancellationToken ct) =>
        db.Datasets.Include(d => d.Versions).FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Name == name, ct);
}
