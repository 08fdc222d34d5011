namespace NanoTcp
{
    /// <summary>The connection states of RFC 9293 §3.3.2.</summary>
    public enum TcpState
    {
        /// <summary>No connection (also what a stale or invalid handle reports).</summary>
        Closed = 0,
        /// <summary>Waiting for a connection request (listener handles only).</summary>
        Listen = 1,
        /// <summary>SYN sent, waiting for a matching SYN+ACK.</summary>
        SynSent = 2,
        /// <summary>SYN received and SYN+ACK sent, waiting for the ACK of our SYN.</summary>
        SynReceived = 3,
        /// <summary>Open: data flows both ways.</summary>
        Established = 4,
        /// <summary>We closed and sent FIN; waiting for its ACK or the peer's FIN.</summary>
        FinWait1 = 5,
        /// <summary>Our FIN is acknowledged; waiting for the peer's FIN (we can still receive).</summary>
        FinWait2 = 6,
        /// <summary>The peer sent FIN; we can still send until the application closes.</summary>
        CloseWait = 7,
        /// <summary>Both sides sent FIN at once; waiting for the ACK of ours.</summary>
        Closing = 8,
        /// <summary>The peer closed first and we sent our FIN; waiting for its ACK.</summary>
        LastAck = 9,
        /// <summary>Both FINs acknowledged; waiting 2MSL so old duplicates die out (RFC 9293 §3.6.1).</summary>
        TimeWait = 10,
    }
}
