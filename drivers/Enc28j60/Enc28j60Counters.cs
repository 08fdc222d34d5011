namespace NanoTcp.Enc28j60
{
    /// <summary>Driver statistics. Plain integers, updated without allocation; they wrap after 2^31 events.</summary>
    public sealed class Enc28j60Counters
    {
        /// <summary>Frames handed to the stack.</summary>
        public int FramesIn { get; internal set; }

        /// <summary>Bytes handed to the stack (FCS excluded).</summary>
        public long BytesIn { get; internal set; }

        /// <summary>Frames whose transmission completed successfully.</summary>
        public int FramesOut { get; internal set; }

        /// <summary>Bytes of successfully transmitted frames (FCS and padding excluded).</summary>
        public long BytesOut { get; internal set; }

        /// <summary>Received frames with a CRC error or without RXOK (only seen when CRC filtering is off).</summary>
        public int CrcErrors { get; internal set; }

        /// <summary>Received frames freed unread because the caller's buffer was too small.</summary>
        public int ReceiveDropsNoBuffer { get; internal set; }

        /// <summary>RXERIF events: the ring was full or EPKTCNT saturated, a frame was lost.</summary>
        public int Overflows { get; internal set; }

        /// <summary>Receive-ring headers that failed validation (ring desynchronised).</summary>
        public int CorruptHeaders { get; internal set; }

        /// <summary>Receive-logic resets (RXRST and ring re-initialisation) after a corrupt header.</summary>
        public int ReceiveResets { get; internal set; }

        /// <summary>Frames that finally failed: aborts, late-collision retries exhausted, hangs.</summary>
        public int TransmitErrors { get; internal set; }

        /// <summary>Late collisions reported by TSV bit 29 (each retried attempt counts).</summary>
        public int LateCollisions { get; internal set; }

        /// <summary>Retransmissions started after a late collision.</summary>
        public int TransmitRetries { get; internal set; }

        /// <summary>Transmissions that never completed within the timeout (TX logic reset).</summary>
        public int TransmitHangs { get; internal set; }

        /// <summary>Frames refused by <see cref="Enc28j60Driver.Transmit"/>: bad length, link down or chip not running.</summary>
        public int TransmitRejected { get; internal set; }

        /// <summary>Full chip resets and re-initialisations (the first initialisation included).</summary>
        public int ChipResets { get; internal set; }

        /// <summary>Link state changes seen (up→down or down→up).</summary>
        public int LinkChanges { get; internal set; }

        /// <summary>Interrupt services run (edges taken plus health-check services).</summary>
        public int InterruptServices { get; internal set; }
    }
}
