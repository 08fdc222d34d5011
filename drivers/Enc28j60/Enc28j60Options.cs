namespace NanoTcp.Enc28j60
{
    /// <summary>Configuration read once by <see cref="Enc28j60Driver"/>'s constructor and each initialisation.</summary>
    public sealed class Enc28j60Options
    {
        /// <summary>Our MAC address, 6 bytes, first byte first on the wire. Default 02:00:00:00:00:01 (locally administered).</summary>
        public byte[] MacAddress { get; set; } = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

        /// <summary>
        /// Full duplex (default): MACON3.FULDPX, PHCON1.PDPXMD and MABBIPG 0x15 are set together. The PHY does not
        /// auto-negotiate, so the switch port must be forced to full duplex as well; set false for half duplex.
        /// </summary>
        public bool FullDuplex { get; set; } = true;

        /// <summary>
        /// Receive filters (ERXFCON). Default unicast + broadcast + multicast + CRC check: DHCP needs broadcast and
        /// mDNS the group 01:00:5E:00:00:FB (RFC 6762 §3, RFC 1112 §6.4); the stack drops groups it did not join
        /// (counted as EthernetNotForUs). <see cref="ReceiveFilters.Default"/> is the chip's reset value without multicast.
        /// </summary>
        public ReceiveFilters Filters { get; set; } = ReceiveFilters.Default | ReceiveFilters.Multicast;

        /// <summary>SPI clock in Hz as configured on the bus; checked against errata #1 for B1/B4 silicon.</summary>
        public int SpiClockHz { get; set; } = 20000000;

        /// <summary>Accept B1/B4 silicon below 8 MHz SPI and only raise <see cref="Enc28j60Driver.SlowSpiClockWarning"/>.</summary>
        public bool AllowSlowSpiClock { get; set; }

        /// <summary>PHLCON: LED A link, LED B TX/RX activity, 70 ms stretch (bits 13:12 written as 1 per the data sheet).</summary>
        public ushort LedConfiguration { get; set; } = 0x3476;

        /// <summary>A transmission not finished after this long is a hang (errata #12, RIOT#9043): TX logic is reset.</summary>
        public int TransmitTimeoutMicroseconds { get; set; } = 10000;

        /// <summary>Retransmissions of a frame aborted by a late collision (errata #13), at most 16.</summary>
        public int MaxLateCollisionRetries { get; set; } = 16;

        /// <summary>Without an interrupt pin, EIR (link change, RX overflow) is polled at most this often.</summary>
        public int EventPollIntervalMicroseconds { get; set; } = 10000;

        /// <summary>
        /// Period of the health check: ECON1.RXEN still set (a brown-out resets the chip and silently clears it,
        /// arduino_uip#167) and, with an interrupt pin, a full EIR service in case an edge was lost.
        /// </summary>
        public int HealthCheckIntervalMicroseconds { get; set; } = 1000000;
    }
}
