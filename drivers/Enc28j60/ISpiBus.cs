namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// The whole of what the driver needs from an SPI controller: one full-duplex transfer framed by one
    /// chip-select assertion. The ENC28J60 ends every instruction when CS rises (DS §4.2), so each call
    /// carries exactly one instruction. On nanoFramework it maps to
    /// <c>SpiDevice.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count))</c>,
    /// which allocates nothing.
    /// </summary>
    public interface ISpiBus
    {
        /// <summary>
        /// Asserts chip select, clocks <paramref name="count"/> bytes out of <paramref name="write"/> starting at
        /// <paramref name="writeOffset"/> while storing the <paramref name="count"/> bytes clocked in at
        /// <paramref name="read"/>[<paramref name="readOffset"/>…], then releases chip select.
        /// </summary>
        void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count);
    }
}
