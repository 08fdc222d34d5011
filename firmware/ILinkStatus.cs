namespace NanoTcp.Firmware
{
    /// <summary>
    /// Read-only status of the Ethernet driver behind the stack's <see cref="ILink"/>: enough for <c>ifconfig</c> and
    /// <c>stats</c>, generic enough for the ENC28J60 driver (PHY link, duplex, chip revision, error counters) and a
    /// Linux TAP device alike. Implementations must not allocate: names are constant strings.
    /// </summary>
    public interface ILinkStatus
    {
        /// <summary>Driver and hardware description, e.g. "ENC28J60 rev B7" or "TAP tap0". A constant string.</summary>
        string DriverName { get; }

        /// <summary>True when the PHY runs full duplex (ENC28J60: PHCON1.PDPXMD / MACON3.FULDPX).</summary>
        bool FullDuplex { get; }

        /// <summary>Link speed in Mbit/s (10 for the ENC28J60), or 0 when unknown.</summary>
        int SpeedMbps { get; }

        /// <summary>Number of driver counters, indexed 0 … <see cref="CounterCount"/> - 1.</summary>
        int CounterCount { get; }

        /// <summary>The counter's short name, e.g. "rx_overflows". A constant string.</summary>
        string CounterName(int index);

        /// <summary>The counter's current value.</summary>
        long CounterValue(int index);
    }
}
