namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// Optional: the ENC28J60 INT pin (active low, DS §12). Without it the driver polls EIR. The driver services the
    /// chip when this says so, toggling EIE.INTIE around the service so any flag raised meanwhile pulls INT low again
    /// (zephyr PR #82529). Two kinds of adapter fit: an edge adapter that latches falling edges, and a level adapter
    /// that reports INT being low; the toggle makes both safe.
    /// </summary>
    public interface IInterruptPin
    {
        /// <summary>
        /// True when the chip wants service: a falling edge was latched since the previous call (and the latch is
        /// cleared), or, for a level adapter, INT is low now.
        /// </summary>
        bool TakeFallingEdge();
    }
}
