"""Contains endpoint functions for the API's health operations"""
