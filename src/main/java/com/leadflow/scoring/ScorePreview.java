package com.leadflow.scoring;

import java.io.Serializable;
import java.util.List;

/**
 * What a model would do if published, computed set-based over every contact: the score distribution in 10-point
 * buckets, and the backtest — among contacts already won or lost, the share won per bucket and per temperature.
 */
public record ScorePreview(List<Bucket> buckets, List<Band> temperatureBands, long contacts, long millis)
        implements Serializable {

    public static final int BUCKET_SIZE = 10;

    public ScorePreview {
        buckets = List.copyOf(buckets);
        temperatureBands = List.copyOf(temperatureBands);
    }

    /** Scores from {@code from} to {@code from + 9}: how many contacts, and how many of them were won and lost. */
    public record Bucket(int from, long contacts, long won, long lost) implements Serializable {
        /** Won of decided (won + lost), or null when none were decided. */
        public Double conversion() {
            return won + lost == 0 ? null : (double) won / (won + lost);
        }
    }

    /** The same for a temperature band of the model's thresholds. */
    public record Band(com.leadflow.contact.Temperature temperature, long contacts, long won, long lost)
            implements Serializable {
        public Double conversion() {
            return won + lost == 0 ? null : (double) won / (won + lost);
        }
    }
}
