namespace NanoTcp
{
    /// <summary>
    /// An Ethernet link that carries whole frames: destination MAC through payload, without preamble and
    /// without the frame check sequence. A driver (the ENC28J60, a TAP device, an in-memory wire) implements it;
    /// the stack owns every buffer that crosses it.
    /// </summary>
    public interface ILink
    {
        /// <summary>True while the physical link is up (PHY link status, TAP device present).</summary>
        bool IsUp { get; }

        /// <summary>
        /// Copies the next received frame into <paramref name="buffer"/> at <paramref name="offset"/>.
        /// Returns the frame length, or 0 when no frame is waiting. A frame longer than
        /// <paramref name="count"/> is discarded by the link (and counted there), never truncated.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count);

        /// <summary>
        /// Hands one frame to the link for transmission. Returns false when the link cannot take it now;
        /// the caller keeps its own retransmission policy (TCP retransmits, other frames are dropped and counted).
        /// </summary>
        bool Transmit(byte[] buffer, int offset, int count);
    }
}
