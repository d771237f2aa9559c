package com.leadflow.importing;

import java.io.Serializable;
import java.util.List;

/** The result of checking every row before anything is written. */
public record ImportCheck(int rows, int valid, List<ImportRejection> rejections) implements Serializable {
}
