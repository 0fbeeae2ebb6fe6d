using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Billing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class QuotaCaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HardCapMonthlyPredictions",
                table: "plans",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "quota_usage",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Predictions = table.Column<long>(type: "bigint", nullable: false),
                    ExceededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExceededLimit = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quota_usage", x => new { x.TenantId, x.PeriodStart });
                });

            // The months already billed count towards the caps from the start (by the window's start, as invoices bucket them).
            migrationBuilder.Sql(
                """
                INSERT INTO quota_usage ("TenantId", "PeriodStart", "Predictions")
                SELECT "TenantId", date_trunc('month', "WindowStart", 'UTC'), SUM("Predictions")
                FROM usage_records GROUP BY 1, 2
                """);

            migrationBuilder.UpdateData(
                table: "plans",
                keyColumn: "Name",
                keyValue: "growth",
                column: "HardCapMonthlyPredictions",
                value: 10000000L);

            migrationBuilder.UpdateData(
                table: "plans",
                keyColumn: "Name",
                keyValue: "starter",
                column: "HardCapMonthlyPredictions",
                value: 100000L);

            migrationBuilder.InsertData(
                table: "plans",
                columns: new[] { "Name", "Currency", "HardCapMonthlyPredictions", "IncludedMonthlyPredictions", "PricePer1000" },
                values: new object[] { "trial", "USD", 1000L, 1000L, 0m });

            migrationBuilder.CreateIndex(
                name: "IX_quota_usage_ExceededAt",
                table: "quota_usage",
                column: "ExceededAt",
                filter: "\"ExceededAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quota_usage");

            migrationBuilder.DeleteData(
                table: "plans",
                keyColumn: "Name",
                keyValue: "trial");

            migrationBuilder.DropColumn(
                name: "HardCapMonthlyPredictions",
                table: "plans");
        }
    }
}
