namespace Vrps.Interfaces.Audit;

/// <summary>The actions an audit record names (R16), declared once; <c>GET /api/audit</c> answers them as <c>action</c>.</summary>
public static class AuditActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Recorded = "recorded";
    public const string Revoked = "revoked";
    public const string Disabled = "disabled";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
    public const string PeerGranted = "peer_granted";
    public const string PeerRevoked = "peer_revoked";
    public const string LotGranted = "lot_granted";
    public const string LotRevoked = "lot_revoked";
    public const string ManagerAdded = "manager_added";
    public const string ManagerRemoved = "manager_removed";
    public const string ScopeGranted = "scope_granted";
    public const string ScopeRevoked = "scope_revoked";
    public const string TermsChanged = "terms_changed";
    public const string CodeRotated = "code_rotated";
    public const string TouchpointLogged = "touchpoint_logged";
    public const string CheckIn = "check_in";
    public const string CheckOut = "check_out";
    public const string Review = "review";
    public const string Assigned = "assigned";
    public const string Started = "started";
    public const string Held = "held";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string Reopened = "reopened";
    public const string PriorityChanged = "priority_changed";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
