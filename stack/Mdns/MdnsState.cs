namespace NanoTcp.Mdns
{
    /// <summary>Where the responder is with its name (RFC 6762 §8).</summary>
    public enum MdnsState
    {
        /// <summary>No address yet (waiting for DHCP): nothing to claim.</summary>
        Idle = 0,
        /// <summary>Sending the three probes (§8.1).</summary>
        Probing,
        /// <summary>The name is ours; sending the two announcements (§8.3).</summary>
        Announcing,
        /// <summary>Answering queries for the name.</summary>
        Ready,
    }
}
