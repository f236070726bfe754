package jp.renkei.mappings;
