namespace NanoTcp.Enc28j60
{
    /// <summary>Outcome of <see cref="Enc28j60Driver.Initialize"/>.</summary>
    public enum Enc28j60InitResult
    {
        /// <summary>The chip is configured and receiving.</summary>
        Success = 0,

        /// <summary>No ENC28J60 answers: ESTAT never became ready, EREVID read 0x00/0xFF or the PHY ID is wrong.</summary>
        NoDevice,

        /// <summary>
        /// Silicon B1/B4 (EREVID ≤ 0x04) with an SPI clock below 8 MHz: MAC/MII registers are unreliable (errata #1).
        /// Refused unless <see cref="Enc28j60Options.AllowSlowSpiClock"/> is set.
        /// </summary>
        SpiClockTooSlow,

        /// <summary>An MII (PHY) operation never finished.</summary>
        PhyTimeout,
    }
}
