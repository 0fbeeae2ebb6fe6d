using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Compression.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CompressionJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "compression_jobs",
                columns: table => new
                {
                    ModelVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    FailureReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    BaselineBytes = table.Column<long>(type: "bigint", nullable: false),
                    BaselineAuc = table.Column<double>(type: "double precision", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Variants = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compression_jobs", x => x.ModelVersionId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_compression_jobs_TenantId_StartedAt",
                table: "compression_jobs",
                columns: new[] { "TenantId", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "compression_jobs");
        }
    }
}
