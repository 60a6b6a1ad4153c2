"""Contains endpoint functions for the API's agents operations"""
