namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// Optional: the ENC28J60 INT pin (active low, meant for edge detection, DS §12). The adapter latches each
    /// falling edge; the driver consumes it and services the chip, toggling EIE.INTIE around the service so any
    /// flag raised meanwhile produces a fresh edge (zephyr PR #82529). Without a pin the driver polls EIR.
    /// </summary>
    public interface IInterruptPin
    {
        /// <summary>Returns true, and clears the latch, when a falling edge was seen since the previous call.</summary>
        bool TakeFallingEdge();
    }
}
