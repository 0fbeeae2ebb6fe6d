using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Training.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OutboxQuarantine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "QuarantinedAt",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages",
                column: "Sequence",
                filter: "\"DispatchedAt\" IS NULL AND \"QuarantinedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_quarantined",
                table: "outbox_messages",
                column: "Sequence",
                filter: "\"QuarantinedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_quarantined",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "QuarantinedAt",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages",
                column: "Sequence",
                filter: "\"DispatchedAt\" IS NULL");
        }
    }
}
