using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Billing.Domain;

namespace Platform.Billing.Infrastructure;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Name);
        builder.Property(p => p.Name).HasMaxLength(100);
        // Whole cents per 1,000 predictions would be too coarse for volume plans; keep four decimals.
        builder.Property(p => p.PricePer1000).HasPrecision(12, 4);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasData(Plans.Seeded.Select(p => new Plan
        {
            Name = p.Name, PricePer1000 = p.PricePer1000, Currency = p.Currency, IncludedMonthlyPredictions = p.IncludedMonthlyPredictions,
            HardCapMonthlyPredictions = p.HardCapMonthlyPredictions,
        }));
    }
}
