using NanoTcp.Enc28j60;

namespace NanoTcp.Firmware
{
    /// <summary>
    /// <see cref="ILinkStatus"/> for the ENC28J60 driver: revision, forced duplex, 10 Mb/s and every driver counter.
    /// Portable, so the ESP32 entry point and the virtual board's emulated-chip link report the chip the same way.
    /// </summary>
    public sealed class Enc28j60LinkStatus : ILinkStatus
    {
        private readonly Enc28j60Driver _driver;
        private readonly bool _fullDuplex;

        /// <summary>Wraps <paramref name="driver"/>, configured with <paramref name="fullDuplex"/>.</summary>
        public Enc28j60LinkStatus(Enc28j60Driver driver, bool fullDuplex)
        {
            _driver = driver;
            _fullDuplex = fullDuplex;
        }

        /// <inheritdoc />
        public string DriverName => RevisionName(_driver.Revision);

        /// <inheritdoc />
        public bool FullDuplex => _fullDuplex;

        /// <inheritdoc />
        public int SpeedMbps => 10;

        /// <inheritdoc />
        public int CounterCount => 18;

        /// <summary>"ENC28J60 rev Bx" for an EREVID value (DS80349C: 0x02 B1, 0x04 B4, 0x05 B5, 0x06 B7).</summary>
        public static string RevisionName(byte revision)
        {
            switch (revision)
            {
                case 0x02: return "ENC28J60 rev B1";
                case 0x04: return "ENC28J60 rev B4";
                case 0x05: return "ENC28J60 rev B5";
                case 0x06: return "ENC28J60 rev B7";
                default: return "ENC28J60 (unknown revision)";
            }
        }

        /// <inheritdoc />
        public string CounterName(int index)
        {
            switch (index)
            {
                case 0: return "enc_frames_in";
                case 1: return "enc_bytes_in";
                case 2: return "enc_frames_out";
                case 3: return "enc_bytes_out";
                case 4: return "enc_crc_errors";
                case 5: return "enc_rx_drops_no_buffer";
                case 6: return "enc_rx_overflows";
                case 7: return "enc_corrupt_headers";
                case 8: return "enc_rx_resets";
                case 9: return "enc_tx_errors";
                case 10: return "enc_late_collisions";
                case 11: return "enc_tx_retries";
                case 12: return "enc_tx_hangs";
                case 13: return "enc_tx_rejected";
                case 14: return "enc_chip_resets";
                case 15: return "enc_link_changes";
                case 16: return "enc_interrupt_services";
                default: return "enc_mii_timeouts";
            }
        }

        /// <inheritdoc />
        public long CounterValue(int index)
        {
            Enc28j60Counters c = _driver.Counters;
            switch (index)
            {
                case 0: return c.FramesIn;
                case 1: return c.BytesIn;
                case 2: return c.FramesOut;
                case 3: return c.BytesOut;
                case 4: return c.CrcErrors;
                case 5: return c.ReceiveDropsNoBuffer;
                case 6: return c.Overflows;
                case 7: return c.CorruptHeaders;
                case 8: return c.ReceiveResets;
                case 9: return c.TransmitErrors;
                case 10: return c.LateCollisions;
                case 11: return c.TransmitRetries;
                case 12: return c.TransmitHangs;
                case 13: return c.TransmitRejected;
                case 14: return c.ChipResets;
                case 15: return c.LinkChanges;
                case 16: return c.InterruptServices;
                default: return _driver.MiiTimeouts;
            }
        }
    }
}
